/* rapport-customer-tier-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-customer-tier-group"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-change-bus.h"
#include "rapport-store.h"
#include "rapport-ui-utils.h"

#include "rapport-customer-tier-group.h"

struct _RapportCustomerTierGroup
{
  AdwBin           parent_instance;

  /* Template widgets */
  GtkWidget       *tier_group;
  GtkLabel        *tier_badge;
  GtkLabel        *tier_title;
  GtkLabel        *tier_subtitle;
  GtkWidget       *use_computed_button;
  GtkMenuButton   *set_tier_button;
  GtkLabel        *potential_badge;
  GtkLabel        *potential_title;
  GtkLabel        *potential_subtitle;
  GtkWidget       *use_suggested_button;
  GtkMenuButton   *set_potential_button;
  GtkWidget       *history_group;
  GtkListBox      *history_list;
  GtkWidget       *more_button;

  /* Borrowed: the session's main connection */
  RapportDatabase *db;

  /* Owned */
  RapportSession  *session;
  GSignalGroup    *bus_signals;
  RapportCustomerTiers *tiers;   /* as shown; NULL when nobody is */
  char            *tier_class;   /* the badge's tier style class */
  gint64           customer_id;
  guint            history_limit;
  guint            refresh_id;
};

G_DEFINE_FINAL_TYPE (RapportCustomerTierGroup, rapport_customer_tier_group, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_CUSTOMER_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
show_error (RapportCustomerTierGroup *self,
            const GError             *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  rapport_widget_add_toast (GTK_WIDGET (self), adw_toast_new (escaped));
}

static void
set_text (GtkLabel   *label,
          const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && text[0] != '\0');
}

static void
update_actions (RapportCustomerTierGroup *self)
{
  gboolean writable = self->db != NULL && !rapport_database_is_read_only (self->db) &&
                      self->customer_id > 0 && self->tiers != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tier.set-manual", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tier.use-computed", writable && self->tiers->has_manual);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tier.set-potential", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tier.use-suggested",
                                 writable && self->tiers->potential_is_manual);
  gtk_widget_set_sensitive (GTK_WIDGET (self->set_tier_button), writable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->set_potential_button), writable);
}

/* A menu button with its label when it is the row's one button; an icon
 * beside the other (the pair fits a phone's width). */
static void
set_menu_button_compact (GtkMenuButton *button,
                         gboolean       compact,
                         const char    *label)
{
  g_autofree char *plain = g_strdup (label);
  char *underline = strchr (plain, '_');

  if (underline != NULL)
    memmove (underline, underline + 1, strlen (underline));

  if (compact)
    gtk_menu_button_set_icon_name (button, "document-edit-symbolic");
  else
    {
      gtk_menu_button_set_label (button, label);
      gtk_menu_button_set_use_underline (button, TRUE);
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), compact ? plain : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, plain, -1);
}

/* "Iron (12-month orders ¥86,400.00, rank 7 of 812)", or the tier alone. */
static char *
describe_computed (const RapportCustomerTiers *tiers)
{
  const char *label = rapport_tier_get_label (tiers->computed);

  if (tiers->computed_reason == NULL || tiers->computed_reason[0] == '\0')
    return g_strdup (label);

  /* Translators: a computed tier and why, e.g. "Iron (12-month orders ¥86,400.00, rank 7 of 812)" */
  return g_strdup_printf (_("%s (%s)"), label, tiers->computed_reason);
}

static void
show_tier (RapportCustomerTierGroup   *self,
           const RapportCustomerTiers *tiers)
{
  g_autofree char *tier_class = g_strdup_printf ("tier-%s", rapport_tier_to_string (tiers->tier));
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (self->tier_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->tier_badge), self->tier_class);
  gtk_widget_add_css_class (GTK_WIDGET (self->tier_badge), tier_class);
  g_free (self->tier_class);
  self->tier_class = g_steal_pointer (&tier_class);
  gtk_label_set_text (self->tier_badge, rapport_tier_get_label (tiers->tier));

  if (tiers->has_manual)
    {
      /* Translators: the tier a user chose for a customer, e.g. "Set by hand: Gold" */
      title = g_strdup_printf (_("Set by hand: %s"), rapport_tier_get_label (tiers->manual));
      if (tiers->has_computed)
        {
          g_autofree char *computed = describe_computed (tiers);

          /* Translators: beside a tier set by hand, e.g. "Computed: Iron (12-month orders ¥86,400.00, rank 7 of 812)" */
          subtitle = g_strdup_printf (_("Computed: %s"), computed);
        }
      else
        subtitle = g_strdup (_("Not computed yet: tiers are computed from the orders once a day, "
                               "or at once in Preferences › Tiers."));
    }
  else if (tiers->has_computed)
    {
      /* Translators: a customer's tier as computed from its orders, e.g. "Computed: Iron" */
      title = g_strdup_printf (_("Computed: %s"), rapport_tier_get_label (tiers->computed));
      subtitle = g_strdup (tiers->computed_reason);
    }
  else
    {
      title = g_strdup (_("Not computed yet"));
      subtitle = g_strdup (_("Tiers are computed from the orders once a day, or at once in Preferences › Tiers."));
    }

  set_text (self->tier_title, title);
  set_text (self->tier_subtitle, subtitle);
  gtk_widget_set_visible (self->use_computed_button, tiers->has_manual);
  set_menu_button_compact (self->set_tier_button, tiers->has_manual, _("Set by _Hand…"));
}

static void
show_potential (RapportCustomerTierGroup   *self,
                const RapportCustomerTiers *tiers)
{
  const char *suggested = rapport_potential_get_label (tiers->suggested_potential);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  gtk_label_set_text (self->potential_badge, rapport_potential_get_label (tiers->potential));

  if (tiers->potential_is_manual)
    {
      /* Translators: the potential a user chose, e.g. "Set by hand: High" */
      title = g_strdup_printf (_("Set by hand: %s"), rapport_potential_get_label (tiers->potential));
      if (!tiers->has_computed)
        subtitle = g_strdup (_("Not suggested yet"));
      else if (tiers->potential_reason != NULL && tiers->potential_reason[0] != '\0')
        /* Translators: beside a potential set by hand, e.g. "Suggested: Low (no open opportunities)" */
        subtitle = g_strdup_printf (_("Suggested: %s (%s)"), suggested, tiers->potential_reason);
      else
        /* Translators: beside a potential set by hand, e.g. "Suggested: Low" */
        subtitle = g_strdup_printf (_("Suggested: %s"), suggested);
    }
  else if (tiers->has_computed)
    {
      /* Translators: a customer's potential as suggested, e.g. "Suggested: High" */
      title = g_strdup_printf (_("Suggested: %s"), suggested);
      subtitle = g_strdup (tiers->potential_reason);
    }
  else
    {
      title = g_strdup (_("Not suggested yet"));
      subtitle = g_strdup (_("Potential is suggested from open opportunities and order growth "
                             "when the tiers are computed."));
    }

  set_text (self->potential_title, title);
  set_text (self->potential_subtitle, subtitle);
  gtk_widget_set_visible (self->use_suggested_button, tiers->potential_is_manual);
  set_menu_button_compact (self->set_potential_button, tiers->potential_is_manual, _("Set _Potential…"));
}

static GtkWidget *
create_change_row (const RapportTierChange *change)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon;
  g_autofree char *title = NULL;
  g_autofree char *date = rapport_format_date_time (change->changed_at);
  g_autofree char *subtitle = NULL;

  /* Translators: a tier move, e.g. "Iron → Gold" */
  title = g_strdup_printf (_("%s → %s"), rapport_tier_get_label (change->from), rapport_tier_get_label (change->to));
  if (change->reason != NULL && change->reason[0] != '\0')
    /* Translators: when a tier changed and why, e.g. "3 Dec 2026 09:00 · 12-month orders ¥86,400.00, rank 7 of 812" */
    subtitle = g_strdup_printf (_("%s · %s"), date, change->reason);
  else
    subtitle = g_steal_pointer (&date);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  /* Whether a person or the recomputation moved it, at a glance. */
  icon = gtk_image_new_from_icon_name (change->by_hand ? "document-edit-symbolic" : "view-refresh-symbolic");
  gtk_widget_set_tooltip_text (icon, change->by_hand ? _("Changed by hand") : _("Recomputed from the orders"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  change->by_hand ? _("Changed by hand") : _("Recomputed from the orders"), -1);
  gtk_widget_add_css_class (icon, "dim-label");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  return row;
}

static void
show_history (RapportCustomerTierGroup *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    {
      if (GTK_IS_LIST_BOX_ROW (child))
        gtk_list_box_remove (self->history_list, child);
      else
        break;
    }

  /* One more than shown says whether there are more. */
  changes = rapport_store_list_tier_changes (self->db, self->customer_id, self->history_limit + 1, &error);
  if (changes == NULL)
    {
      show_error (self, error);
      gtk_widget_set_visible (self->more_button, FALSE);
      return;
    }

  for (guint i = 0; i < changes->len && i < self->history_limit; i++)
    gtk_list_box_append (self->history_list, create_change_row (g_ptr_array_index (changes, i)));
  gtk_widget_set_visible (self->more_button, changes->len > self->history_limit);
}

static void
reload (RapportCustomerTierGroup *self)
{
  g_autoptr (GError) error = NULL;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_pointer (&self->tiers, rapport_customer_tiers_free);

  if (self->db != NULL && self->customer_id > 0)
    {
      self->tiers = rapport_store_get_customer_tiers (self->db, self->customer_id, &error);
      /* A customer just deleted says nothing more. */
      if (self->tiers == NULL && !g_error_matches (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND))
        show_error (self, error);
    }

  gtk_widget_set_visible (self->tier_group, self->tiers != NULL);
  gtk_widget_set_visible (self->history_group, self->tiers != NULL);
  if (self->tiers != NULL)
    {
      show_tier (self, self->tiers);
      show_potential (self, self->tiers);
      show_history (self);
    }
  update_actions (self);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  RapportCustomerTierGroup *self = user_data;

  self->refresh_id = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

static GMenuModel *
create_tier_menu (void)
{
  GMenu *menu = g_menu_new ();
  RapportTier tiers[] = { RAPPORT_TIER_PLATINUM, RAPPORT_TIER_GOLD, RAPPORT_TIER_IRON, RAPPORT_TIER_LEAD };

  for (guint i = 0; i < G_N_ELEMENTS (tiers); i++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (rapport_tier_get_label (tiers[i]), NULL);

      g_menu_item_set_action_and_target_value (item, "tier.set-manual",
                                               g_variant_new_string (rapport_tier_to_string (tiers[i])));
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (menu);
}

static GMenuModel *
create_potential_menu (void)
{
  GMenu *menu = g_menu_new ();
  RapportPotential potentials[] = { RAPPORT_POTENTIAL_HIGH, RAPPORT_POTENTIAL_LOW };

  for (guint i = 0; i < G_N_ELEMENTS (potentials); i++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (rapport_potential_get_label (potentials[i]), NULL);

      g_menu_item_set_action_and_target_value (item, "tier.set-potential",
                                               g_variant_new_string (rapport_potential_to_string (potentials[i])));
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (menu);
}

/* Callbacks and actions */

static void
changes_cb (RapportCustomerTierGroup *self,
            GArray                   *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const RapportChange *change = &g_array_index (changes, RapportChange, i);
      gboolean ours = change->kind == RAPPORT_ENTITY_KIND_CUSTOMER &&
                      rapport_change_concerns_customer (change, self->customer_id);

      if ((ours || change->change == RAPPORT_CHANGE_RELOADED) && self->refresh_id == 0 && self->customer_id > 0)
        self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle_cb, self, NULL);
    }
}

static void
set_manual_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RapportCustomerTierGroup *self = RAPPORT_CUSTOMER_TIER_GROUP (widget);
  g_autoptr (GError) error = NULL;
  RapportTier tier;

  if (self->db == NULL || self->customer_id <= 0 ||
      !rapport_tier_from_string (g_variant_get_string (parameter, NULL), &tier))
    return;

  if (!rapport_store_set_manual_tier (self->db, self->customer_id, tier, &error))
    show_error (self, error);
  reload (self);
}

typedef struct
{
  RapportDatabase *db;
  gint64           customer_id;
  RapportTier      manual;
} UndoClear;

static void
undo_clear_free (gpointer data,
                 GClosure *closure)
{
  UndoClear *undo = data;

  g_clear_object (&undo->db);
  g_free (undo);
}

static void
undo_clear_cb (AdwToast  *toast,
               UndoClear *undo)
{
  g_autoptr (GError) error = NULL;

  if (!rapport_store_set_manual_tier (undo->db, undo->customer_id, undo->manual, &error))
    g_warning ("Could not set the tier back: %s", error->message);
}

static void
use_computed_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RapportCustomerTierGroup *self = RAPPORT_CUSTOMER_TIER_GROUP (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  g_autoptr (RapportCustomerTiers) after = NULL;
  UndoClear *undo;
  AdwToast *toast;

  if (self->db == NULL || self->customer_id <= 0 || self->tiers == NULL || !self->tiers->has_manual)
    return;

  if (!rapport_store_clear_manual_tier (self->db, self->customer_id, &error))
    {
      show_error (self, error);
      return;
    }

  undo = g_new0 (UndoClear, 1);
  undo->db = g_object_ref (self->db);
  undo->customer_id = self->customer_id;
  undo->manual = self->tiers->manual;

  after = rapport_store_get_customer_tiers (self->db, self->customer_id, NULL);
  /* Translators: a toast; %s is the tier now in force, e.g. "Computed tier in force: Iron" */
  message = g_strdup_printf (_("Computed tier in force: %s"),
                             rapport_tier_get_label (after != NULL ? after->tier : RAPPORT_TIER_LEAD));
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clear_cb), undo, undo_clear_free, 0);
  rapport_widget_add_toast (GTK_WIDGET (self), toast);
  reload (self);
}

static void
set_potential_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RapportCustomerTierGroup *self = RAPPORT_CUSTOMER_TIER_GROUP (widget);
  g_autoptr (GError) error = NULL;
  RapportPotential potential;

  if (self->db == NULL || self->customer_id <= 0 ||
      !rapport_potential_from_string (g_variant_get_string (parameter, NULL), &potential))
    return;

  if (!rapport_store_set_manual_potential (self->db, self->customer_id, potential, &error))
    show_error (self, error);
  reload (self);
}

static void
use_suggested_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RapportCustomerTierGroup *self = RAPPORT_CUSTOMER_TIER_GROUP (widget);
  g_autoptr (GError) error = NULL;

  if (self->db == NULL || self->customer_id <= 0)
    return;

  if (!rapport_store_clear_manual_potential (self->db, self->customer_id, &error))
    show_error (self, error);
  reload (self);
}

static void
show_more_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RapportCustomerTierGroup *self = RAPPORT_CUSTOMER_TIER_GROUP (widget);

  if (self->db == NULL || self->customer_id <= 0)
    return;

  self->history_limit += RAPPORT_CUSTOMER_TIER_GROUP_HISTORY_MORE;
  show_history (self);
}

/* GObject */

static void
rapport_customer_tier_group_dispose (GObject *object)
{
  RapportCustomerTierGroup *self = RAPPORT_CUSTOMER_TIER_GROUP (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->bus_signals != NULL)
    g_signal_group_set_target (self->bus_signals, NULL);
  g_clear_object (&self->bus_signals);
  g_clear_object (&self->session);
  self->db = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_CUSTOMER_TIER_GROUP);

  G_OBJECT_CLASS (rapport_customer_tier_group_parent_class)->dispose (object);
}

static void
rapport_customer_tier_group_finalize (GObject *object)
{
  RapportCustomerTierGroup *self = RAPPORT_CUSTOMER_TIER_GROUP (object);

  g_clear_pointer (&self->tiers, rapport_customer_tiers_free);
  g_free (self->tier_class);

  G_OBJECT_CLASS (rapport_customer_tier_group_parent_class)->finalize (object);
}

static void
rapport_customer_tier_group_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  RapportCustomerTierGroup *self = RAPPORT_CUSTOMER_TIER_GROUP (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, self->customer_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_customer_tier_group_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  RapportCustomerTierGroup *self = RAPPORT_CUSTOMER_TIER_GROUP (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      rapport_customer_tier_group_set_session (self, g_value_get_object (value));
      break;

    case PROP_CUSTOMER_ID:
      rapport_customer_tier_group_set_customer_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_customer_tier_group_class_init (RapportCustomerTierGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_customer_tier_group_dispose;
  object_class->finalize = rapport_customer_tier_group_finalize;
  object_class->get_property = rapport_customer_tier_group_get_property;
  object_class->set_property = rapport_customer_tier_group_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, RAPPORT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-customer-tier-group.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerTierGroup, tier_group);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerTierGroup, tier_badge);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerTierGroup, tier_title);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerTierGroup, tier_subtitle);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerTierGroup, use_computed_button);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerTierGroup, set_tier_button);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerTierGroup, potential_badge);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerTierGroup, potential_title);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerTierGroup, potential_subtitle);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerTierGroup, use_suggested_button);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerTierGroup, set_potential_button);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerTierGroup, history_group);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerTierGroup, history_list);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerTierGroup, more_button);

  gtk_widget_class_install_action (widget_class, "tier.set-manual", "s", set_manual_activated);
  gtk_widget_class_install_action (widget_class, "tier.use-computed", NULL, use_computed_activated);
  gtk_widget_class_install_action (widget_class, "tier.set-potential", "s", set_potential_activated);
  gtk_widget_class_install_action (widget_class, "tier.use-suggested", NULL, use_suggested_activated);
  gtk_widget_class_install_action (widget_class, "tier.show-more", NULL, show_more_activated);
}

static void
rapport_customer_tier_group_init (RapportCustomerTierGroup *self)
{
  g_autoptr (GMenuModel) tier_menu = create_tier_menu ();
  g_autoptr (GMenuModel) potential_menu = create_potential_menu ();
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->history_limit = RAPPORT_CUSTOMER_TIER_GROUP_HISTORY_FIRST;
  gtk_menu_button_set_menu_model (self->set_tier_button, tier_menu);
  gtk_menu_button_set_menu_model (self->set_potential_button, potential_menu);

  placeholder = gtk_label_new (_("No tier changes yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->history_list, placeholder);

  self->bus_signals = g_signal_group_new (RAPPORT_TYPE_CHANGE_BUS);
  g_signal_group_connect_swapped (self->bus_signals, "changed", G_CALLBACK (changes_cb), self);

  reload (self);
}

/* Public API */

GtkWidget *
rapport_customer_tier_group_new (void)
{
  return g_object_new (RAPPORT_TYPE_CUSTOMER_TIER_GROUP, NULL);
}

RapportSession *
rapport_customer_tier_group_get_session (RapportCustomerTierGroup *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_TIER_GROUP (self), NULL);

  return self->session;
}

/**
 * rapport_customer_tier_group_set_session:
 * @session: (nullable): an open session
 */
void
rapport_customer_tier_group_set_session (RapportCustomerTierGroup *self,
                                         RapportSession           *session)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_TIER_GROUP (self));
  g_return_if_fail (session == NULL || RAPPORT_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  self->db = session != NULL ? rapport_session_get_database (session) : NULL;
  g_signal_group_set_target (self->bus_signals, self->db != NULL ? rapport_database_get_change_bus (self->db) : NULL);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

gint64
rapport_customer_tier_group_get_customer_id (RapportCustomerTierGroup *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_TIER_GROUP (self), 0);

  return self->customer_id;
}

void
rapport_customer_tier_group_set_customer_id (RapportCustomerTierGroup *self,
                                             gint64                    customer_id)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_TIER_GROUP (self));
  g_return_if_fail (customer_id >= 0);

  if (self->customer_id == customer_id)
    return;

  self->customer_id = customer_id;
  self->history_limit = RAPPORT_CUSTOMER_TIER_GROUP_HISTORY_FIRST;
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}
