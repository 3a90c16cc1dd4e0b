/* rapport-staff-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-staff-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-change-bus.h"
#include "rapport-store.h"

#include "rapport-staff-page.h"

struct _RapportStaffPage
{
  AdwPreferencesPage   parent_instance;

  AdwPreferencesGroup *staff_group;
  AdwPreferencesGroup *left_group;
  GtkWidget           *add_row;
  GtkWidget           *add_error_label;
  GPtrArray           *rows;       /* the staff rows shown, to remove on refresh */

  /* Owned */
  RapportSession      *session;
  GSignalGroup        *bus_signals;
  GHashTable          *expanded;   /* user ids whose rows are open, kept across refreshes */

  gboolean             has_left;   /* the Left group shows someone */
};

G_DEFINE_FINAL_TYPE (RapportStaffPage, rapport_staff_page, ADW_TYPE_PREFERENCES_PAGE)

#define HANDOVER_ACTION "handover"

/* Helpers */

static RapportDatabase *
get_database (RapportStaffPage *self)
{
  return rapport_session_get_database (self->session);
}

static void
show_toast (RapportStaffPage *self,
            AdwToast         *toast)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
show_message (RapportStaffPage *self,
              const char       *text)
{
  /* Toast titles are markup; @text is not (it may quote a name). */
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  show_toast (self, adw_toast_new (escaped));
}

/* The window Preferences was opened from, when it offers the handover. */
static GtkWidget *
find_handover_window (RapportStaffPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *parent = GTK_IS_WINDOW (root) ? gtk_window_get_transient_for (GTK_WINDOW (root)) : NULL;
  GtkWidgetClass *klass;
  GType owner;
  const char *name;
  const GVariantType *parameter_type;
  const char *property;
  gboolean enabled = FALSE;

  if (parent == NULL)
    return NULL;

  if (GTK_IS_APPLICATION_WINDOW (parent) &&
      g_action_group_query_action (G_ACTION_GROUP (parent), HANDOVER_ACTION, &enabled, NULL, NULL, NULL, NULL))
    return enabled ? GTK_WIDGET (parent) : NULL;

  /* An action installed on the window's class. */
  klass = GTK_WIDGET_GET_CLASS (parent);
  for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &name, &parameter_type, &property); i++)
    if (g_strcmp0 (name, "win." HANDOVER_ACTION) == 0)
      return GTK_WIDGET (parent);

  return NULL;
}

static void
set_expanded (RapportStaffPage *self,
              gint64            id,
              gboolean          expanded)
{
  if (expanded)
    g_hash_table_add (self->expanded, g_memdup2 (&id, sizeof id));
  else
    g_hash_table_remove (self->expanded, &id);
}

/* The staff member a row, a button or a toast is about. */
static gint64
get_user_id (gpointer object)
{
  gint64 *id = g_object_get_data (G_OBJECT (object), "rapport-user-id");

  return id != NULL ? *id : 0;
}

static void
tag_user_id (gpointer object,
             gint64   id)
{
  g_object_set_data_full (G_OBJECT (object), "rapport-user-id", g_memdup2 (&id, sizeof id), g_free);
}

/* Callbacks */

static void refresh (RapportStaffPage *self);

static void
changes_cb (RapportStaffPage *self,
            GArray           *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const RapportChange *change = &g_array_index (changes, RapportChange, i);

      /* A handover changes what a left person's row says they still own. */
      if (change->kind == RAPPORT_ENTITY_KIND_USER ||
          (change->change == RAPPORT_CHANGE_RELOADED && change->customer_id == 0) ||
          (self->has_left && (change->kind == RAPPORT_ENTITY_KIND_CUSTOMER ||
                              change->kind == RAPPORT_ENTITY_KIND_OPPORTUNITY ||
                              change->kind == RAPPORT_ENTITY_KIND_FOLLOW_UP)))
        {
          refresh (self);
          return;
        }
    }
}

static void
expanded_cb (AdwExpanderRow   *row,
             GParamSpec       *pspec,
             RapportStaffPage *self)
{
  set_expanded (self, get_user_id (row), adw_expander_row_get_expanded (row));
}

static void
entry_changed_cb (GtkWidget *entry)
{
  gtk_widget_remove_css_class (entry, "error");
}

static void
rename_applied_cb (AdwEntryRow      *entry,
                   RapportStaffPage *self)
{
  g_autoptr (GError) error = NULL;

  if (!rapport_store_rename_staff_member (get_database (self), get_user_id (entry),
                                          gtk_editable_get_text (GTK_EDITABLE (entry)), &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      show_message (self, error->message);
    }
}

static void
role_applied_cb (AdwEntryRow      *entry,
                 RapportStaffPage *self)
{
  g_autoptr (GError) error = NULL;

  if (!rapport_store_set_staff_role (get_database (self), get_user_id (entry),
                                     gtk_editable_get_text (GTK_EDITABLE (entry)), &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      show_message (self, error->message);
    }
}

static void
undo_leave_cb (AdwToast         *toast,
               RapportStaffPage *self)
{
  g_autoptr (GError) error = NULL;
  gint64 id = get_user_id (toast);

  if (!rapport_store_set_staff_left (get_database (self), id, FALSE, &error))
    show_message (self, error->message);
}

static void
leave_clicked_cb (GtkButton        *button,
                  RapportStaffPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportStaffMember) member = NULL;
  RapportStaffHoldings holdings;
  g_autofree char *still = NULL;
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  gint64 id = get_user_id (button);
  AdwToast *toast;

  member = rapport_store_get_staff_member (get_database (self), id, &error);
  if (member == NULL ||
      !rapport_store_set_staff_left (get_database (self), id, TRUE, &error))
    {
      show_message (self, error->message);
      return;
    }

  if (rapport_store_count_staff_holdings (get_database (self), id, &holdings, NULL))
    still = rapport_staff_describe_holdings (&holdings);

  if (still != NULL)
    /* Translators: a toast; the second %s is e.g. "Still owns 120 customers — hand them over" */
    text = g_strdup_printf (_("%s marked as left. %s"), rapport_staff_member_get_name (member), still);
  else
    /* Translators: a toast; %s is a staff member's name */
    text = g_strdup_printf (_("%s marked as left"), rapport_staff_member_get_name (member));

  escaped = g_markup_escape_text (text, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  tag_user_id (toast, id);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_leave_cb), self, 0);
  show_toast (self, toast);
}

static void
back_clicked_cb (GtkButton        *button,
                 RapportStaffPage *self)
{
  g_autoptr (GError) error = NULL;

  if (!rapport_store_set_staff_left (get_database (self), get_user_id (button), FALSE, &error))
    show_message (self, error->message);
}

static void
handover_clicked_cb (GtkButton        *button,
                     RapportStaffPage *self)
{
  GtkWidget *window = find_handover_window (self);

  if (window != NULL)
    gtk_widget_activate_action (window, "win." HANDOVER_ACTION, "x", get_user_id (button));
}

static void
add_applied_cb (RapportStaffPage *self)
{
  g_autoptr (GError) error = NULL;
  gint64 id;

  id = rapport_store_add_staff_member (get_database (self), gtk_editable_get_text (GTK_EDITABLE (self->add_row)),
                                       NULL, &error);
  if (id == 0)
    {
      gtk_label_set_text (GTK_LABEL (self->add_error_label), error->message);
      gtk_widget_set_visible (self->add_error_label, TRUE);
      gtk_widget_add_css_class (self->add_row, "error");
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");

  /* The new one opens, for their role (the change bus has delivered the
   * insert: the row is there). */
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (get_user_id (row) == id)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
    }
}

static void
add_changed_cb (RapportStaffPage *self)
{
  gtk_widget_set_visible (self->add_error_label, FALSE);
  gtk_widget_remove_css_class (self->add_row, "error");
}

/* Rows */

static GtkWidget *
new_entry_row (RapportStaffPage *self,
               const char       *title,
               const char       *text,
               gint64            id,
               GCallback         applied)
{
  GtkWidget *entry = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (entry), TRUE);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (entry), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  tag_user_id (entry, id);
  g_signal_connect (entry, "changed", G_CALLBACK (entry_changed_cb), NULL);
  g_signal_connect_object (entry, "apply", applied, self, 0);

  return entry;
}

static GtkWidget *
new_button (const char *label,
            gint64      id)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  tag_user_id (button, id);
  return button;
}

static GtkWidget *
new_staff_row (RapportStaffPage   *self,
               RapportStaffMember *member,
               gboolean            can_hand_over)
{
  gint64 id = rapport_staff_member_get_id (member);
  const char *role = rapport_staff_member_get_role (member);
  gboolean has_left = rapport_staff_member_has_left (member);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *action_row;
  GtkWidget *button;
  g_autofree char *subtitle = NULL;
  g_autofree char *still = NULL;

  if (has_left)
    {
      RapportStaffHoldings holdings;

      if (rapport_store_count_staff_holdings (get_database (self), id, &holdings, NULL))
        still = rapport_staff_describe_holdings (&holdings);
    }

  if (rapport_staff_member_get_is_default (member))
    subtitle = role != NULL
               /* Translators: the default user's row: their role, and that it is them */
               ? g_strdup_printf (_("%s · You"), role)
               : g_strdup (_("You"));
  else if (still != NULL)
    subtitle = role != NULL ? g_strdup_printf (_("%s · %s"), role, still) : g_strdup (still);
  else
    subtitle = g_strdup (role);

  /* Names are the user's text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rapport_staff_member_get_name (member));
  if (subtitle != NULL)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  tag_user_id (row, id);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            new_entry_row (self, _("_Name"), rapport_staff_member_get_name (member), id,
                                           G_CALLBACK (rename_applied_cb)));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            new_entry_row (self, _("_Role"), role, id, G_CALLBACK (role_applied_cb)));

  if (!rapport_staff_member_get_is_default (member))
    {
      action_row = adw_action_row_new ();
      if (has_left)
        {
          g_autofree char *left_on = NULL;
          g_autoptr (GDateTime) when = g_date_time_new_from_unix_local (rapport_staff_member_get_left_at (member));

          /* Translators: when a staff member left, see g_date_time_format() */
          left_on = g_date_time_format (when, _("Left on %Y-%m-%d"));
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), left_on);
          button = new_button (_("_Back at Work"), id);
          g_signal_connect_object (button, "clicked", G_CALLBACK (back_clicked_cb), self, 0);
        }
      else
        {
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), _("Works here"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row),
                                       _("Someone who left is no longer offered as an owner; what they did keeps their name"));
          button = new_button (_("Mark as _Left"), id);
          g_signal_connect_object (button, "clicked", G_CALLBACK (leave_clicked_cb), self, 0);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), button);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), action_row);
    }

  if (still != NULL && can_hand_over)
    {
      action_row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), still);
      button = new_button (_("_Hand Over…"), id);
      gtk_widget_add_css_class (button, "suggested-action");
      g_signal_connect_object (button, "clicked", G_CALLBACK (handover_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), button);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), action_row);
    }

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), g_hash_table_contains (self->expanded, &id));
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (expanded_cb), self, 0);

  return row;
}

static void
refresh (RapportStaffPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) staff = NULL;
  gboolean can_hand_over;
  guint n_left = 0;
  guint n;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);

  staff = rapport_store_list_staff (get_database (self), TRUE, &error);
  if (staff == NULL)
    {
      adw_preferences_group_set_description (self->staff_group, error->message);
      return;
    }

  can_hand_over = find_handover_window (self) != NULL;
  n = g_list_model_get_n_items (staff);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportStaffMember) member = g_list_model_get_item (staff, i);
      GtkWidget *row = new_staff_row (self, member, can_hand_over);

      if (rapport_staff_member_has_left (member))
        {
          adw_preferences_group_add (self->left_group, row);
          n_left++;
        }
      else
        {
          adw_preferences_group_add (self->staff_group, row);
        }
      g_ptr_array_add (self->rows, row);
    }

  /* The add row stays last. */
  g_object_ref (self->add_row);
  adw_preferences_group_remove (self->staff_group, self->add_row);
  adw_preferences_group_add (self->staff_group, self->add_row);
  g_object_unref (self->add_row);

  gtk_widget_set_visible (GTK_WIDGET (self->left_group), n_left > 0);
  self->has_left = n_left > 0;
}

/* GObject */

static void
rapport_staff_page_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (rapport_staff_page_parent_class)->root (widget);

  /* "Hand Over…" depends on the window Preferences belongs to. */
  if (RAPPORT_STAFF_PAGE (widget)->session != NULL)
    refresh (RAPPORT_STAFF_PAGE (widget));
}

static void
rapport_staff_page_dispose (GObject *object)
{
  RapportStaffPage *self = RAPPORT_STAFF_PAGE (object);

  if (self->bus_signals != NULL)
    g_signal_group_set_target (self->bus_signals, NULL);

  G_OBJECT_CLASS (rapport_staff_page_parent_class)->dispose (object);
}

static void
rapport_staff_page_finalize (GObject *object)
{
  RapportStaffPage *self = RAPPORT_STAFF_PAGE (object);

  g_clear_object (&self->bus_signals);
  g_clear_object (&self->session);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->expanded, g_hash_table_unref);

  G_OBJECT_CLASS (rapport_staff_page_parent_class)->finalize (object);
}

static void
rapport_staff_page_class_init (RapportStaffPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_staff_page_dispose;
  object_class->finalize = rapport_staff_page_finalize;
  widget_class->root = rapport_staff_page_root;
}

static void
rapport_staff_page_init (RapportStaffPage *self)
{
  self->rows = g_ptr_array_new ();
  self->expanded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Staff"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "system-users-symbolic");
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (self), "staff");

  self->staff_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->staff_group, _("Staff"));
  adw_preferences_group_set_description (self->staff_group,
                                         _("The people who own customers and take care of follow-ups and requests."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->staff_group);

  self->add_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row), _("_Add Staff Member"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->add_row), TRUE);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->add_row), TRUE);
  g_signal_connect_object (self->add_row, "apply", G_CALLBACK (add_applied_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->add_row, "changed", G_CALLBACK (add_changed_cb), self, G_CONNECT_SWAPPED);

  self->add_error_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->add_error_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->add_error_label), TRUE);
  gtk_widget_set_margin_top (self->add_error_label, 6);
  gtk_widget_add_css_class (self->add_error_label, "error");
  gtk_widget_add_css_class (self->add_error_label, "caption");
  gtk_widget_set_visible (self->add_error_label, FALSE);

  adw_preferences_group_add (self->staff_group, self->add_row);
  adw_preferences_group_add (self->staff_group, self->add_error_label);

  self->left_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->left_group, _("Left"));
  adw_preferences_group_set_description (self->left_group,
                                         _("No longer offered as owners or assignees. What they did keeps their name."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->left_group);

  self->bus_signals = g_signal_group_new (RAPPORT_TYPE_CHANGE_BUS);
  g_signal_group_connect_swapped (self->bus_signals, "changed", G_CALLBACK (changes_cb), self);
}

/* Public API */

/**
 * rapport_staff_page_new:
 * @session: the open session whose staff is shown
 *
 * Returns: (transfer floating): the page
 */
GtkWidget *
rapport_staff_page_new (RapportSession *session)
{
  RapportStaffPage *self;

  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);
  g_return_val_if_fail (rapport_session_get_database (session) != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_STAFF_PAGE, NULL);
  self->session = g_object_ref (session);
  g_signal_group_set_target (self->bus_signals,
                             rapport_database_get_change_bus (rapport_session_get_database (self->session)));
  refresh (self);

  return GTK_WIDGET (self);
}

/**
 * rapport_staff_describe_holdings:
 * @holdings: what someone holds
 *
 * Returns: (transfer full) (nullable): e.g. "Still owns 120 customers and 3
 *   open opportunities — hand them over", %NULL when they hold nothing
 */
char *
rapport_staff_describe_holdings (const RapportStaffHoldings *holdings)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) list = g_string_new (NULL);

  g_return_val_if_fail (holdings != NULL, NULL);

  if (holdings->customers > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u customer", "%u customers",
                                                          holdings->customers),
                                             holdings->customers));
  if (holdings->opportunities > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open opportunity",
                                                          "%u open opportunities", holdings->opportunities),
                                             holdings->opportunities));
  if (holdings->follow_ups > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open follow-up",
                                                          "%u open follow-ups", holdings->follow_ups),
                                             holdings->follow_ups));
  if (holdings->service_requests > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open service request",
                                                          "%u open service requests", holdings->service_requests),
                                             holdings->service_requests));

  if (parts->len == 0)
    return NULL;

  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        /* Translators: between the items of "Still owns 120 customers, 3 open opportunities" */
        g_string_append (list, C_("list separator", ", "));
      g_string_append (list, g_ptr_array_index (parts, i));
    }

  /* Translators: %s lists what a staff member who left still owns, e.g. "120 customers, 3 open follow-ups" */
  return g_strdup_printf (_("Still owns %s — hand them over"), list->str);
}
