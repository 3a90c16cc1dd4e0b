/* rapport-customer-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-customer-list"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-customer.h"
#include "rapport-customer-list.h"
#include "rapport-customer-row.h"
#include "rapport-change-bus.h"
#include "rapport-enums.h"
#include "rapport-staff-row-private.h"
#include "rapport-store.h"
#include "rapport-text.h"

struct _RapportCustomerList
{
  AdwBin                    parent_instance;

  /* template widgets */
  GtkButton                *back_button;
  AdwWindowTitle           *window_title;
  GtkToggleButton          *search_button;
  GtkMenuButton            *view_menu_button;
  GtkSearchBar             *search_bar;
  GtkSearchEntry           *search_entry;
  GtkBox                   *filter_box;
  GtkStack                 *stack;
  GtkListView              *list_view;
  AdwStatusPage            *no_results_page;

  /* owned */
  RapportDatabase          *db;
  RapportCustomerListModel *model;
  GtkSingleSelection       *selection;
  /* The model's first rows until the list's first frame (see set_database). */
  GtkSliceListModel        *first_screen;
  guint                     expand_id;
  guint                     expand_ticks;
  GMenu                    *tag_section;
  GMenu                    *owner_section;
  GSignalGroup             *bus_signals;
  char                     *stage_filter;
  char                     *tier_filter;
  char                     *tag_filter;
  char                     *owner_filter;  /* "" for anyone, else a user id ("0": Me) */
  char                     *sort;
  gint64                    selected_id;
  guint                     reselect_id;
  gboolean                  in_items_changed;
  gboolean                  show_back_button;
};

G_DEFINE_FINAL_TYPE (RapportCustomerList, rapport_customer_list, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_DATABASE,
  PROP_SELECTED_CUSTOMER_ID,
  PROP_STAGE_FILTER,
  PROP_TIER_FILTER,
  PROP_TAG_FILTER,
  PROP_OWNER_FILTER,
  PROP_SORT,
  PROP_SHOW_BACK_BUTTON,
  PROP_IS_FILTERED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static gboolean
is_empty (const char *str)
{
  return str == NULL || str[0] == '\0';
}

static RapportCustomerSort
sort_from_string (const char *str)
{
  if (g_strcmp0 (str, "last-interaction") == 0)
    return RAPPORT_CUSTOMER_SORT_LAST_INTERACTION;
  if (g_strcmp0 (str, "created") == 0)
    return RAPPORT_CUSTOMER_SORT_CREATED;
  return RAPPORT_CUSTOMER_SORT_NAME;
}

static void
update_title (RapportCustomerList *self)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  g_autofree char *subtitle = NULL;

  adw_window_title_set_title (self->window_title,
                              is_empty (self->tag_filter) ? _("Customers") : self->tag_filter);

  /* A search shows its first matches: say there are more. */
  if (self->model != NULL && rapport_customer_list_model_get_truncated (self->model))
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u+ customer", "%u+ customers", n), n);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u customer", "%u customers", n), n);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
update_stack (RapportCustomerList *self)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  gboolean no_results = n == 0 && rapport_customer_list_get_is_filtered (self);

  gtk_stack_set_visible_child_name (self->stack, no_results ? "no-results" : "list");
}

static void
filter_chip_clicked_cb (GtkButton           *button,
                        RapportCustomerList *self)
{
  const char *property = g_object_get_data (G_OBJECT (button), "filter-property");

  g_object_set (self, property, "", NULL);
}

static void
add_filter_chip (RapportCustomerList *self,
                 const char          *property,
                 const char          *label)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();
  g_autofree char *tooltip = g_strdup_printf (_("Remove Filter “%s”"), label);

  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "window-close-symbolic");
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "filter-chip");
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "small");
  g_object_set_data (G_OBJECT (button), "filter-property", (gpointer) property);
  g_signal_connect (button, "clicked", G_CALLBACK (filter_chip_clicked_cb), self);
  gtk_box_append (self->filter_box, button);
}

/* The owner filter as the model takes it: -1 for anyone. */
static gint64
owner_filter_id (RapportCustomerList *self)
{
  return is_empty (self->owner_filter) ? -1 : g_ascii_strtoll (self->owner_filter, NULL, 10);
}

static void
add_owner_chip (RapportCustomerList *self)
{
  g_autoptr (RapportStaffMember) owner = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  gint64 owner_id = owner_filter_id (self);

  if (owner_id < 0 || self->db == NULL)
    return;

  owner = rapport_store_get_staff_member (self->db, owner_id, NULL);
  if (owner == NULL)
    return;

  /* The chips sit side by side: a long name would widen the list. */
  name = rapport_text_truncate (rapport_staff_member_get_name (owner), 8);
  /* Translators: a filter of the customer list; %s is a staff member's name */
  label = g_strdup_printf (_("Owner: %s"), name);
  add_filter_chip (self, "owner-filter", label);
}

static void
update_filter_chips (RapportCustomerList *self)
{
  GtkWidget *child;
  RapportStage stage;
  RapportTier tier;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->filter_box))) != NULL)
    gtk_box_remove (self->filter_box, child);

  if (rapport_stage_from_string (self->stage_filter, &stage))
    add_filter_chip (self, "stage-filter", rapport_stage_get_label (stage));
  if (rapport_tier_from_string (self->tier_filter, &tier))
    add_filter_chip (self, "tier-filter", rapport_tier_get_label (tier));
  if (!is_empty (self->tag_filter))
    add_filter_chip (self, "tag-filter", self->tag_filter);
  add_owner_chip (self);

  gtk_widget_set_visible (GTK_WIDGET (self->filter_box),
                          gtk_widget_get_first_child (GTK_WIDGET (self->filter_box)) != NULL);
}

static void
apply_filters (RapportCustomerList *self)
{
  RapportStage stage;
  RapportTier tier;

  update_filter_chips (self);

  if (self->model == NULL)
    return;

  /* The filters change together (clearing them all): the list is read once. */
  rapport_customer_list_model_freeze (self->model);
  rapport_customer_list_model_set_stage (self->model,
                                         rapport_stage_from_string (self->stage_filter, &stage) ? (int) stage : -1);
  rapport_customer_list_model_set_tier (self->model,
                                        rapport_tier_from_string (self->tier_filter, &tier) ? (int) tier : -1);
  rapport_customer_list_model_set_tag (self->model, is_empty (self->tag_filter) ? NULL : self->tag_filter);
  rapport_customer_list_model_set_owner_id (self->model, owner_filter_id (self));
  rapport_customer_list_model_thaw (self->model);
  update_title (self);
  update_stack (self);
}

static void
set_string_property (RapportCustomerList  *self,
                     char                **field,
                     const char           *value,
                     GParamSpec           *pspec)
{
  if (value == NULL)
    value = "";

  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  apply_filters (self);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_FILTERED]);
}

static GMenu *
create_radio_section (const char *action,
                      const char *any_label,
                      GType       enum_type,
                      const char *(*get_label) (int))
{
  g_autoptr (GEnumClass) enum_class = g_type_class_ref (enum_type);
  GMenu *section = g_menu_new ();
  g_autoptr (GMenuItem) any = g_menu_item_new (any_label, NULL);

  g_menu_item_set_action_and_target_value (any, action, g_variant_new_string (""));
  g_menu_append_item (section, any);

  for (guint i = 0; i < enum_class->n_values; i++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (get_label (enum_class->values[i].value), NULL);

      g_menu_item_set_action_and_target_value (item, action,
                                               g_variant_new_string (enum_class->values[i].value_nick));
      g_menu_append_item (section, item);
    }

  return section;
}

/* The staff, those who left included: what they still own is what one looks
 * for before a handover. */
static void
fill_owner_section (RapportCustomerList *self)
{
  g_autoptr (GMenuItem) anyone = g_menu_item_new (_("Anyone"), NULL);
  g_autoptr (GtkStringList) labels = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GError) error = NULL;

  g_menu_remove_all (self->owner_section);
  g_menu_item_set_action_and_target_value (anyone, "list.owner", g_variant_new_string (""));
  g_menu_append_item (self->owner_section, anyone);

  if (self->db == NULL)
    return;

  if (!_rapport_staff_choices_read (self->db, RAPPORT_STAFF_PICK_OWNER, TRUE, -1, &labels, &ids, &error))
    {
      g_warning ("Could not list the staff: %s", error->message);
      return;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      /* Menu labels parse mnemonics; a name is data, so underscores are doubled. */
      g_auto (GStrv) parts = g_strsplit (gtk_string_list_get_string (labels, i), "_", -1);
      g_autofree char *label = g_strjoinv ("__", parts);
      g_autofree char *target = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (ids, gint64, i));
      g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "list.owner", g_variant_new_string (target));
      g_menu_append_item (self->owner_section, item);
    }
}

static void
staff_changes_cb (RapportCustomerList *self,
                  GArray              *changes)
{
  if (!_rapport_staff_changes_concern_staff (changes))
    return;

  fill_owner_section (self);
  update_filter_chips (self);
}

static void
build_view_menu (RapportCustomerList *self)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenu) sort_section = g_menu_new ();
  g_autoptr (GMenu) stage_section = NULL;
  g_autoptr (GMenu) tier_section = NULL;
  static const struct { const char *key; const char *label; } sorts[] = {
    { "name", N_("Name") },
    { "last-interaction", N_("Last Interaction") },
    { "created", N_("Date Added") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (_(sorts[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, "list.sort", g_variant_new_string (sorts[i].key));
      g_menu_append_item (sort_section, item);
    }
  g_menu_append_section (menu, _("Sort By"), G_MENU_MODEL (sort_section));

  stage_section = create_radio_section ("list.stage", _("Any Stage"), RAPPORT_TYPE_STAGE,
                                        (const char *(*) (int)) rapport_stage_get_label);
  g_menu_append_section (menu, _("Stage"), G_MENU_MODEL (stage_section));

  tier_section = create_radio_section ("list.tier", _("Any Tier"), RAPPORT_TYPE_TIER,
                                       (const char *(*) (int)) rapport_tier_get_label);
  g_menu_append_section (menu, _("Tier"), G_MENU_MODEL (tier_section));

  g_menu_append_section (menu, _("Tag"), G_MENU_MODEL (self->tag_section));
  g_menu_append_section (menu, _("Owner"), G_MENU_MODEL (self->owner_section));

  gtk_menu_button_set_menu_model (self->view_menu_button, G_MENU_MODEL (menu));
}

/* Rows the list view gets for its first frame: more than a tall screen shows. */
#define FIRST_SCREEN_ROWS 40

static void
forget_first_screen (RapportCustomerList *self)
{
  if (self->expand_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->expand_id);
  self->expand_id = 0;
  g_clear_object (&self->first_screen);
}

static void
select_position (RapportCustomerList *self,
                 guint                position)
{
  gtk_single_selection_set_selected (self->selection, position);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static gboolean
expand_list_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  RapportCustomerList *self = user_data;

  /* The first tick comes before the first frame is drawn; the second after. */
  if (++self->expand_ticks < 2)
    return G_SOURCE_CONTINUE;

  self->expand_id = 0;
  gtk_slice_list_model_set_size (self->first_screen, G_MAXUINT);
  /* A customer chosen before this frame may lie past the first rows. */
  if (self->selected_id != 0)
    select_position (self, rapport_customer_list_model_find (self->model, self->selected_id));
  return G_SOURCE_REMOVE;
}

static void
set_selected_id (RapportCustomerList *self,
                 gint64               id)
{
  if (self->selected_id == id)
    return;

  self->selected_id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_CUSTOMER_ID]);
}

/* Callbacks */

static void
selection_changed_cb (RapportCustomerList *self)
{
  RapportCustomer *customer;

  /* A row removed and put back by an update drops the selection for a moment;
   * reselect_cb puts it back, so nothing is said meanwhile. */
  if (self->in_items_changed)
    return;

  customer = gtk_single_selection_get_selected_item (self->selection);
  set_selected_id (self, customer != NULL ? rapport_customer_get_id (customer) : 0);
}

static void
items_changed_before_cb (RapportCustomerList *self)
{
  self->in_items_changed = TRUE;
}

static gboolean
reselect_cb (gpointer user_data)
{
  RapportCustomerList *self = user_data;

  self->reselect_id = 0;
  self->in_items_changed = FALSE;

  if (self->selected_id != 0 && self->model != NULL)
    {
      RapportCustomer *selected = gtk_single_selection_get_selected_item (self->selection);
      guint position;

      /* Still in place: nothing to look up. */
      if (selected != NULL && rapport_customer_get_id (selected) == self->selected_id)
        return G_SOURCE_REMOVE;

      position = rapport_customer_list_model_find (self->model, self->selected_id);

      if (position == GTK_INVALID_LIST_POSITION)
        set_selected_id (self, 0);
      else if (gtk_single_selection_get_selected (self->selection) != position)
        gtk_single_selection_set_selected (self->selection, position);
    }

  return G_SOURCE_REMOVE;
}

static void
items_changed_after_cb (RapportCustomerList *self)
{
  /* A moved row comes as a removal and an insertion: the selection is put
   * back once both have arrived. */
  if (self->reselect_id == 0)
    self->reselect_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, reselect_cb, self, NULL);

  update_title (self);
  update_stack (self);
}

static void
search_changed_cb (RapportCustomerList *self,
                   GtkSearchEntry      *entry)
{
  if (self->model == NULL)
    return;

  rapport_customer_list_model_set_query (self->model, gtk_editable_get_text (GTK_EDITABLE (entry)));
  update_stack (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_FILTERED]);
}

static void
search_activated_cb (RapportCustomerList *self)
{
  /* Enter opens the best match. */
  if (self->model != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    {
      select_position (self, 0);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-customer", NULL);
    }
}

static void
stop_search_cb (RapportCustomerList *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
list_activated_cb (RapportCustomerList *self,
                   guint                position)
{
  select_position (self, position);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-customer", NULL);
}

static void
clear_search_clicked_cb (RapportCustomerList *self)
{
  rapport_customer_list_clear_filters (self);
}

/* GObject */

static void
rapport_customer_list_dispose (GObject *object)
{
  RapportCustomerList *self = RAPPORT_CUSTOMER_LIST (object);

  g_clear_handle_id (&self->reselect_id, g_source_remove);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  forget_first_screen (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_CUSTOMER_LIST);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->db);
  g_clear_object (&self->tag_section);
  g_clear_object (&self->owner_section);
  if (self->bus_signals != NULL)
    g_signal_group_set_target (self->bus_signals, NULL);
  g_clear_object (&self->bus_signals);

  G_OBJECT_CLASS (rapport_customer_list_parent_class)->dispose (object);
}

static void
rapport_customer_list_finalize (GObject *object)
{
  RapportCustomerList *self = RAPPORT_CUSTOMER_LIST (object);

  g_clear_pointer (&self->stage_filter, g_free);
  g_clear_pointer (&self->tier_filter, g_free);
  g_clear_pointer (&self->tag_filter, g_free);
  g_clear_pointer (&self->owner_filter, g_free);
  g_clear_pointer (&self->sort, g_free);

  G_OBJECT_CLASS (rapport_customer_list_parent_class)->finalize (object);
}

static void
rapport_customer_list_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RapportCustomerList *self = RAPPORT_CUSTOMER_LIST (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->db);
      break;

    case PROP_SELECTED_CUSTOMER_ID:
      g_value_set_int64 (value, self->selected_id);
      break;

    case PROP_STAGE_FILTER:
      g_value_set_string (value, self->stage_filter);
      break;

    case PROP_TIER_FILTER:
      g_value_set_string (value, self->tier_filter);
      break;

    case PROP_TAG_FILTER:
      g_value_set_string (value, self->tag_filter);
      break;

    case PROP_OWNER_FILTER:
      g_value_set_string (value, self->owner_filter);
      break;

    case PROP_SORT:
      g_value_set_string (value, self->sort);
      break;

    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;

    case PROP_IS_FILTERED:
      g_value_set_boolean (value, rapport_customer_list_get_is_filtered (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_customer_list_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RapportCustomerList *self = RAPPORT_CUSTOMER_LIST (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      rapport_customer_list_set_database (self, g_value_get_object (value));
      break;

    case PROP_SELECTED_CUSTOMER_ID:
      rapport_customer_list_set_selected_customer_id (self, g_value_get_int64 (value));
      break;

    case PROP_STAGE_FILTER:
      set_string_property (self, &self->stage_filter, g_value_get_string (value), pspec);
      break;

    case PROP_TIER_FILTER:
      set_string_property (self, &self->tier_filter, g_value_get_string (value), pspec);
      break;

    case PROP_TAG_FILTER:
      set_string_property (self, &self->tag_filter, g_value_get_string (value), pspec);
      break;

    case PROP_OWNER_FILTER:
      set_string_property (self, &self->owner_filter, g_value_get_string (value), pspec);
      break;

    case PROP_SORT:
      {
        const char *sort = g_value_get_string (value);

        if (g_strcmp0 (sort, self->sort) != 0)
          {
            g_free (self->sort);
            self->sort = g_strdup (sort != NULL ? sort : "name");
            if (self->model != NULL)
              rapport_customer_list_model_set_sort (self->model, sort_from_string (self->sort));
            g_object_notify_by_pspec (object, pspec);
          }
      }
      break;

    case PROP_SHOW_BACK_BUTTON:
      rapport_customer_list_set_show_back_button (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_customer_list_class_init (RapportCustomerListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_customer_list_dispose;
  object_class->finalize = rapport_customer_list_finalize;
  object_class->get_property = rapport_customer_list_get_property;
  object_class->set_property = rapport_customer_list_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, RAPPORT_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SELECTED_CUSTOMER_ID] =
    g_param_spec_int64 ("selected-customer-id", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STAGE_FILTER] =
    g_param_spec_string ("stage-filter", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TIER_FILTER] =
    g_param_spec_string ("tier-filter", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TAG_FILTER] =
    g_param_spec_string ("tag-filter", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* A staff member's id as text ("0": Me), "" for anyone. */
  properties[PROP_OWNER_FILTER] =
    g_param_spec_string ("owner-filter", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SORT] =
    g_param_spec_string ("sort", NULL, NULL, "name",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_IS_FILTERED] =
    g_param_spec_boolean ("is-filtered", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "list.sort", "sort");
  gtk_widget_class_install_property_action (widget_class, "list.stage", "stage-filter");
  gtk_widget_class_install_property_action (widget_class, "list.tier", "tier-filter");
  gtk_widget_class_install_property_action (widget_class, "list.tag", "tag-filter");
  gtk_widget_class_install_property_action (widget_class, "list.owner", "owner-filter");

  g_type_ensure (RAPPORT_TYPE_CUSTOMER_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-customer-list.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerList, back_button);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerList, window_title);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerList, search_button);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerList, view_menu_button);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerList, search_bar);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerList, filter_box);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerList, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerList, list_view);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerList, no_results_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_search_clicked_cb);
}

static void
rapport_customer_list_init (RapportCustomerList *self)
{
  self->stage_filter = g_strdup ("");
  self->tier_filter = g_strdup ("");
  self->tag_filter = g_strdup ("");
  self->owner_filter = g_strdup ("");
  self->sort = g_strdup ("name");
  self->tag_section = g_menu_new ();
  self->owner_section = g_menu_new ();
  fill_owner_section (self);
  self->bus_signals = g_signal_group_new (RAPPORT_TYPE_CHANGE_BUS);
  g_signal_group_connect_swapped (self->bus_signals, "changed", G_CALLBACK (staff_changes_cb), self);
  rapport_customer_list_set_tags (self, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  build_view_menu (self);
  update_title (self);
  update_filter_chips (self);
}

/* Public API */

GtkWidget *
rapport_customer_list_new (void)
{
  return g_object_new (RAPPORT_TYPE_CUSTOMER_LIST, NULL);
}

RapportDatabase *
rapport_customer_list_get_database (RapportCustomerList *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_LIST (self), NULL);

  return self->db;
}

/**
 * rapport_customer_list_set_database:
 * @db: (nullable): the database to list
 */
void
rapport_customer_list_set_database (RapportCustomerList *self,
                                    RapportDatabase     *db)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_LIST (self));
  g_return_if_fail (db == NULL || RAPPORT_IS_DATABASE (db));

  if (self->db == db)
    return;

  gtk_list_view_set_model (self->list_view, NULL);
  forget_first_screen (self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_set_object (&self->db, db);
  g_clear_handle_id (&self->reselect_id, g_source_remove);
  self->in_items_changed = FALSE;
  self->selected_id = 0;

  if (db != NULL)
    {
      RapportStage stage;
      RapportTier tier;

      /* The list is read once, in the order and with the filters it shows. */
      self->model = rapport_customer_list_model_new_filtered (db, sort_from_string (self->sort),
                                                              gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                                              rapport_stage_from_string (self->stage_filter, &stage) ? (int) stage : -1,
                                                              rapport_tier_from_string (self->tier_filter, &tier) ? (int) tier : -1,
                                                              is_empty (self->tag_filter) ? NULL : self->tag_filter);

      /* Around the selection model's own handler: see selection_changed_cb. */
      g_signal_connect_swapped (self->model, "items-changed", G_CALLBACK (items_changed_before_cb), self);
      /* GTK 4.8's list view makes, binds and measures some 200 rows for a
       * model whose row height it does not know yet: a big book's first
       * frame spent ~100 ms on rows it does not show. It gets a screenful
       * first, learns the height, and the rest once that frame is drawn. */
      self->first_screen = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->model)),
                                                     0, FIRST_SCREEN_ROWS);
      self->expand_ticks = 0;
      self->expand_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view),
                                                      expand_list_cb, self, NULL);
      self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->first_screen)));
      gtk_single_selection_set_autoselect (self->selection, FALSE);
      gtk_single_selection_set_can_unselect (self->selection, TRUE);
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      g_signal_connect_swapped (self->model, "items-changed", G_CALLBACK (items_changed_after_cb), self);
      g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb), self);
      g_signal_connect_swapped (self->model, "notify::truncated", G_CALLBACK (update_title), self);

      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

    }

  g_signal_group_set_target (self->bus_signals, db != NULL ? rapport_database_get_change_bus (db) : NULL);
  fill_owner_section (self);
  apply_filters (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_CUSTOMER_ID]);
}

RapportCustomerListModel *
rapport_customer_list_get_model (RapportCustomerList *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_LIST (self), NULL);

  return self->model;
}

gint64
rapport_customer_list_get_selected_customer_id (RapportCustomerList *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_LIST (self), 0);

  return self->selected_id;
}

void
rapport_customer_list_set_selected_customer_id (RapportCustomerList *self,
                                                gint64               customer_id)
{
  guint position = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (RAPPORT_IS_CUSTOMER_LIST (self));

  if (self->model == NULL)
    return;

  if (customer_id > 0)
    {
      position = rapport_customer_list_model_find (self->model, customer_id);

      /* The customer may be hidden by the search or a filter: show everything. */
      if (position == GTK_INVALID_LIST_POSITION && rapport_customer_list_get_is_filtered (self))
        {
          rapport_customer_list_clear_filters (self);
          position = rapport_customer_list_model_find (self->model, customer_id);
        }
    }

  select_position (self, position);
  set_selected_id (self, position != GTK_INVALID_LIST_POSITION ? customer_id : 0);
}

/**
 * rapport_customer_list_set_tags:
 * @tags: (nullable): GListModel of RapportTag to offer in the filter menu
 *
 * The window lists the tags once for its sidebar and this menu.
 */
void
rapport_customer_list_set_tags (RapportCustomerList *self,
                                GListModel          *tags)
{
  g_autoptr (GMenuItem) any = NULL;
  guint n;

  g_return_if_fail (RAPPORT_IS_CUSTOMER_LIST (self));
  g_return_if_fail (tags == NULL || G_IS_LIST_MODEL (tags));

  g_menu_remove_all (self->tag_section);

  any = g_menu_item_new (_("Any Tag"), NULL);
  g_menu_item_set_action_and_target_value (any, "list.tag", g_variant_new_string (""));
  g_menu_append_item (self->tag_section, any);

  n = tags != NULL ? g_list_model_get_n_items (tags) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportTag) tag = g_list_model_get_item (tags, i);
      const char *name = rapport_tag_get_name (tag);
      /* Menu labels parse mnemonics; a tag is data, so underscores are doubled. */
      g_auto (GStrv) parts = g_strsplit (name, "_", -1);
      g_autofree char *label = g_strjoinv ("__", parts);
      g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "list.tag", g_variant_new_string (name));
      g_menu_append_item (self->tag_section, item);
    }
}

void
rapport_customer_list_set_tag_filter (RapportCustomerList *self,
                                      const char          *tag)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_LIST (self));

  set_string_property (self, &self->tag_filter, tag, properties[PROP_TAG_FILTER]);
}

const char *
rapport_customer_list_get_tag_filter (RapportCustomerList *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_LIST (self), NULL);

  return self->tag_filter;
}

gboolean
rapport_customer_list_get_is_filtered (RapportCustomerList *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_LIST (self), FALSE);

  return !is_empty (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) ||
         !is_empty (self->stage_filter) ||
         !is_empty (self->tier_filter) ||
         !is_empty (self->tag_filter) ||
         !is_empty (self->owner_filter);
}

void
rapport_customer_list_clear_filters (RapportCustomerList *self)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_LIST (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->model != NULL)
    rapport_customer_list_model_freeze (self->model);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  /* search-changed comes after a delay; the model is told now. */
  if (self->model != NULL)
    rapport_customer_list_model_set_query (self->model, NULL);
  g_object_set (self, "stage-filter", "", "tier-filter", "", "tag-filter", "", "owner-filter", "", NULL);
  if (self->model != NULL)
    rapport_customer_list_model_thaw (self->model);
  update_stack (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_FILTERED]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
rapport_customer_list_start_search (RapportCustomerList *self)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_LIST (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
rapport_customer_list_set_show_back_button (RapportCustomerList *self,
                                            gboolean             show)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_LIST (self));

  show = !!show;
  if (self->show_back_button == show)
    return;

  self->show_back_button = show;
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_BACK_BUTTON]);
}

GtkEditable *
rapport_customer_list_get_search_entry (RapportCustomerList *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_LIST (self), NULL);

  return GTK_EDITABLE (self->search_entry);
}

GtkListView *
rapport_customer_list_get_list_view (RapportCustomerList *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_LIST (self), NULL);

  return self->list_view;
}

const char *
rapport_customer_list_get_visible_page (RapportCustomerList *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_LIST (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
