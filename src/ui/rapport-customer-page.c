/* rapport-customer-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-customer-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-compat.h"
#include "rapport-compose-dialog.h"
#include "rapport-contact-dialog.h"
#include "rapport-customer-dialog.h"
#include "rapport-customer-service-group.h"
#include "rapport-customer-tier-group.h"
#include "rapport-date.h"
#include "rapport-email.h"
#include "rapport-follow-up-actions.h"
#include "rapport-follow-up-dialog.h"
#include "rapport-follow-up-row.h"
#include "rapport-form-helpers.h"
#include "rapport-handover-log.h"
#include "rapport-interaction-dialog.h"
#include "rapport-money.h"
#include "rapport-opportunity-actions.h"
#include "rapport-order-dialog.h"
#include "rapport-phone.h"
#include "rapport-store.h"
#include "rapport-ui-utils.h"
#include "rapport-url.h"
#include "rapport-wall-timer.h"

#include "rapport-audience.h"
#include "rapport-customer-page.h"

/* The timeline shows this many interactions more each time the user scrolls
 * to its end or asks for older ones. */
#define TIMELINE_PAGE 50

/* The sections of the page; a change refreshes only the ones it touches. */
typedef enum
{
  DIRTY_CUSTOMER = 1 << 0,
  DIRTY_CONTACTS = 1 << 1,
  DIRTY_TIMELINE = 1 << 2,
  DIRTY_ORDERS   = 1 << 3,
  DIRTY_FOLLOW_UPS = 1 << 4,
  DIRTY_OPPORTUNITIES = 1 << 5,
  DIRTY_PIPELINE_NAMES = 1 << 6,  /* the stages' and lost reasons' names on the opportunities */
  DIRTY_ALL      = 0x7f,
} DirtyFlags;

struct _RapportCustomerPage
{
  AdwBin               parent_instance;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkWidget           *back_button;
  GtkWidget           *edit_button;
  GtkWidget           *menu_button;
  GtkStack            *stack;
  GtkScrolledWindow   *scrolled_window;
  GtkLabel            *name_label;
  GtkLabel            *code_label;
  GtkLabel            *tier_label;
  GtkLabel            *stage_label;
  GtkLabel            *owner_label;
  RapportHandoverLog  *handover_log;   /* under the owner */
  GtkListBox          *details_list;
  GtkBox              *tags_box;
  GtkWidget           *tags_scroller;
  GtkListBox          *contacts_list;
  GtkListBox          *timeline_list;
  GtkWidget           *older_button;
  GtkListBox          *orders_list;
  AdwPreferencesGroup *orders_group;
  GtkListBox          *follow_ups_list;
  GtkListBox          *opportunities_list;

  /* Borrowed: the session's main connection */
  RapportDatabase     *db;

  /* Owned */
  RapportSession      *session;
  GSignalGroup        *bus_signals;
  GSignalGroup        *session_signals;
  RapportCustomer     *customer;
  RapportFollowUpActions *follow_up_actions;
  GListStore          *follow_ups;
  GListStore          *contacts;
  GListStore          *interactions;
  GListStore          *orders;
  GListStore          *opportunities;
  GHashTable          *stage_names;   /* stage id → name, for the opportunities */
  GHashTable          *lost_reasons;  /* lost reason id → name */
  char                *opportunities_day;  /* the local date the rows' "for N days" count from */
  char                *title;
  gint64               customer_id;
  guint                timeline_wanted;
  guint                refresh_source;
  guint                due_words_source;  /* when a follow-up's due time reads otherwise */
  DirtyFlags           dirty;
  gboolean             show_back_button;
};

G_DEFINE_FINAL_TYPE (RapportCustomerPage, rapport_customer_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_CUSTOMER_ID,
  PROP_TITLE,
  PROP_SHOW_BACK_BUTTON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_URI,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  RapportDatabase   *db;
  RapportEntityKind  kind;
  gint64             id;
  GtkWidget         *widget;   /* weak: where a failed undo is reported */
} UndoData;

static void refresh (RapportCustomerPage *self,
                     DirtyFlags           what);
static void load    (RapportCustomerPage *self,
                     DirtyFlags           what);

/* Helpers */

static GtkWindow *
get_parent_window (RapportCustomerPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static gboolean
is_writable (RapportCustomerPage *self)
{
  return self->db != NULL && !rapport_database_is_read_only (self->db);
}

static void
update_actions (RapportCustomerPage *self)
{
  gboolean editable = self->customer != NULL && is_writable (self);
  const char *names[] = {
    "customer.edit", "customer.log-interaction", "customer.add-contact", "customer.add-order",
    "customer.delete", "customer.edit-contact", "customer.make-primary", "customer.remove-contact",
    "customer.edit-order", "customer.remove-order", "customer.remove-interaction",
    "customer.edit-interaction", "customer.add-follow-up", "customer.compose-mail", "customer.compose-sms",
    "customer.add-opportunity", "customer.open-opportunity", "customer.win-opportunity", "customer.lose-opportunity",
    "customer.reopen-opportunity", "customer.trash-opportunity",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), names[i], editable);

  /* With nobody shown there is nothing to edit: no disabled buttons either. */
  gtk_widget_set_visible (self->edit_button, self->customer != NULL);
  gtk_widget_set_visible (self->menu_button, self->customer != NULL);
}

static void
set_title (RapportCustomerPage *self,
           const char          *title)
{
  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  adw_window_title_set_title (self->window_title, title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
clear_container (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else if (GTK_IS_FLOW_BOX (box))
        gtk_flow_box_remove (GTK_FLOW_BOX (box), child);
      else
        gtk_widget_unparent (child);
    }
}

static GtkWidget *
new_menu_button (GMenuModel *menu)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("More"));
  gtk_widget_add_css_class (button, "flat");

  return button;
}

static void
append_menu_item (GMenu      *menu,
                  const char *label,
                  const char *action,
                  gint64      id)
{
  g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_int64 (id));
  g_menu_append_item (menu, item);
}

/* Menu labels parse mnemonics: a value's underscores are doubled. */
static char *
escape_mnemonics (const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text != NULL ? text : "", "_", -1);

  return g_strjoinv ("__", parts);
}

/* Appends @label for @action with @value as its target. */
static void
append_value_item (GMenu      *menu,
                   const char *label,
                   const char *action,
                   const char *value)
{
  g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (value));
  g_menu_append_item (menu, item);
}

/* An icon button for @action (string target @value); @tooltip names the
 * action, @label says it with its value for a screen reader. */
static GtkWidget *
new_value_button (const char *icon_name,
                  const char *tooltip,
                  const char *label,
                  const char *action,
                  const char *value)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (value));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");

  return button;
}

static char *
join_phones (const char * const *phones,
             const char         *country_code)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; phones != NULL && phones[i] != NULL; i++)
    {
      g_autofree char *formatted = rapport_phone_format (phones[i], country_code);

      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, formatted);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
undo_data_free (gpointer  data,
                GClosure *closure)
{
  UndoData *undo = data;

  g_clear_object (&undo->db);
  g_clear_weak_pointer (&undo->widget);
  g_free (undo);
}

static void
undo_clicked_cb (AdwToast *toast,
                 UndoData *undo)
{
  g_autoptr (GError) error = NULL;

  if (!rapport_store_restore_trash_item (undo->db, undo->kind, undo->id, &error))
    {
      if (undo->widget != NULL)
        {
          g_autofree char *escaped = g_markup_escape_text (error->message, -1);

          rapport_widget_add_toast (undo->widget, adw_toast_new (escaped));
        }
      return;
    }

  /* Undoing a delete brings the customer back into view. */
  if (undo->kind == RAPPORT_ENTITY_KIND_CUSTOMER
      && RAPPORT_IS_CUSTOMER_PAGE (undo->widget)
      && RAPPORT_CUSTOMER_PAGE (undo->widget)->db == undo->db
      && rapport_customer_page_get_customer_id (RAPPORT_CUSTOMER_PAGE (undo->widget)) == 0)
    rapport_customer_page_set_customer_id (RAPPORT_CUSTOMER_PAGE (undo->widget), undo->id);
}

/* Shows "@title" with an Undo button that restores @kind @id from the Trash. */
static void
add_undo_toast (RapportCustomerPage *self,
                const char          *title,
                RapportEntityKind    kind,
                gint64               id)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast = adw_toast_new (escaped);
  UndoData *undo = g_new0 (UndoData, 1);

  undo->db = g_object_ref (self->db);
  undo->kind = kind;
  undo->id = id;
  g_set_weak_pointer (&undo->widget, GTK_WIDGET (self));

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked_cb),
                         undo, undo_data_free, 0);

  rapport_widget_add_toast (GTK_WIDGET (self), toast);
}

static void
show_error_toast (RapportCustomerPage *self,
                  const GError        *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  rapport_widget_add_toast (GTK_WIDGET (self), adw_toast_new (escaped));
}

static gpointer
find_by_id (GListStore *model,
            gint64      id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      gint64 item_id = 0;

      g_object_get (item, "id", &item_id, NULL);
      if (item_id == id)
        return g_steal_pointer (&item);
    }

  return NULL;
}

/* Header and details */

static GtkWidget *
add_detail (RapportCustomerPage *self,
            const char          *label,
            const char          *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return NULL;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), value);
  adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), label);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "rapport-detail");
  gtk_list_box_append (self->details_list, row);

  return row;
}

/* Said first, so nobody writes to a customer who asked not to be written to. */
static void
show_do_not_contact (RapportCustomerPage *self)
{
  const char *reason = rapport_customer_get_do_not_contact_reason (self->customer);
  g_autofree char *title = NULL;
  GtkWidget *row;
  GtkWidget *icon;

  if (!rapport_customer_get_do_not_contact (self->customer))
    return;

  title = rapport_do_not_contact_describe (reason);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  icon = gtk_image_new_from_icon_name ("action-unavailable-symbolic");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_widget_add_css_class (row, "warning");
  gtk_widget_add_css_class (row, "rapport-do-not-contact");
  gtk_list_box_append (self->details_list, row);
}

/* A phone number (stored E.164): call, SMS, copy as shown. */
static void
add_phone_detail (RapportCustomerPage *self,
                  const char          *phone)
{
  g_autofree char *shown = rapport_phone_format (phone, rapport_session_get_default_country_code (self->session));
  /* Translators: what a button does for a screen reader; %s is a phone number */
  g_autofree char *call = g_strdup_printf (_("Call %s"), shown);
  /* Translators: what a button does for a screen reader; %s is a phone number */
  g_autofree char *sms = g_strdup_printf (_("Send SMS to %s"), shown);
  /* Translators: what a button does for a screen reader; %s is a phone number,
   * an e-mail address or a web address */
  g_autofree char *copy = g_strdup_printf (_("Copy %s"), shown);
  GtkWidget *row = add_detail (self, _("Phone"), shown);

  if (row == NULL)
    return;

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             new_value_button ("call-start-symbolic", _("Call"), call, "customer.call", phone));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             new_value_button ("rapport-sms-symbolic", _("Send SMS"), sms, "customer.send-sms", phone));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             new_value_button ("edit-copy-symbolic", _("Copy"), copy, "customer.copy", shown));
}

static void
add_email_detail (RapportCustomerPage *self,
                  const char          *email)
{
  /* Translators: what a button does for a screen reader; %s is an e-mail address */
  g_autofree char *write = g_strdup_printf (_("Write E-mail to %s"), email);
  g_autofree char *copy = g_strdup_printf (_("Copy %s"), email);
  GtkWidget *row = add_detail (self, _("E-mail"), email);

  if (row == NULL)
    return;

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             new_value_button ("mail-send-symbolic", _("Write E-mail"), write,
                                               "customer.write-email", email));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             new_value_button ("edit-copy-symbolic", _("Copy"), copy, "customer.copy", email));
}

static void
add_website_detail (RapportCustomerPage *self,
                    const char          *website)
{
  g_autofree char *uri = rapport_url_to_launch_uri (website);
  /* Translators: what a button does for a screen reader; %s is a web address */
  g_autofree char *open = g_strdup_printf (_("Open %s"), website != NULL ? website : "");
  g_autofree char *copy = g_strdup_printf (_("Copy %s"), website != NULL ? website : "");
  GtkWidget *row = add_detail (self, _("Website"), website);

  if (row == NULL)
    return;

  /* Only a web address opens: anything else that came in stays text. */
  if (uri != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               new_value_button ("rapport-website-symbolic", _("Open Website"), open,
                                                 "customer.open-website", website));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             new_value_button ("edit-copy-symbolic", _("Copy"), copy, "customer.copy", website));
}

static void
show_owner (RapportCustomerPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportStaffMember) owner = rapport_store_get_staff_member (self->db,
                                                                         rapport_customer_get_owner_id (self->customer),
                                                                         &error);
  g_autofree char *text = NULL;

  if (owner == NULL)
    {
      g_debug ("No owner to show: %s", error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->owner_label), FALSE);
      return;
    }

  if (rapport_staff_member_has_left (owner))
    /* Translators: the customer's owner no longer works here; %s is their name */
    text = g_strdup_printf (_("Owner: %s (left)"), rapport_staff_member_get_name (owner));
  else
    /* Translators: the staff member a customer belongs to; %s is a name ("Me") */
    text = g_strdup_printf (_("Owner: %s"), rapport_staff_member_get_name (owner));

  gtk_label_set_text (self->owner_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->owner_label), TRUE);

  rapport_handover_log_show (self->handover_log, self->db, self->customer_id);
}

static void
show_customer (RapportCustomerPage *self)
{
  RapportCustomer *c = self->customer;
  static const char *tier_classes[] = { "tier-platinum", "tier-gold", "tier-iron", "tier-lead" };
  const char * const *phones;
  const char * const *emails;
  const char * const *tags;
  g_autofree char *birthday = NULL;

  set_title (self, rapport_customer_get_name (c));
  gtk_label_set_text (self->name_label, rapport_customer_get_name (c));
  gtk_label_set_text (self->code_label, rapport_customer_get_code (c));
  gtk_widget_set_visible (GTK_WIDGET (self->code_label), rapport_customer_get_code (c) != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tier_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->tier_label), tier_classes[i]);
  if (rapport_customer_get_tier (c) < G_N_ELEMENTS (tier_classes))
    gtk_widget_add_css_class (GTK_WIDGET (self->tier_label), tier_classes[rapport_customer_get_tier (c)]);
  gtk_label_set_text (self->tier_label, rapport_tier_get_label (rapport_customer_get_tier (c)));
  gtk_label_set_text (self->stage_label, rapport_stage_get_label (rapport_customer_get_stage (c)));
  show_owner (self);

  clear_container (GTK_WIDGET (self->details_list));
  show_do_not_contact (self);

  /* One row per phone, e-mail and website, each with what it can do. */
  phones = rapport_customer_get_phones (c);
  for (guint i = 0; phones != NULL && phones[i] != NULL; i++)
    add_phone_detail (self, phones[i]);
  emails = rapport_customer_get_emails (c);
  for (guint i = 0; emails != NULL && emails[i] != NULL; i++)
    add_email_detail (self, emails[i]);
  add_website_detail (self, rapport_customer_get_website (c));
  add_detail (self, _("Address"), rapport_customer_get_address (c));
  add_detail (self, _("Kind"), rapport_customer_kind_get_label (rapport_customer_get_kind (c)));
  add_detail (self, _("Industry"), rapport_customer_get_industry (c));
  add_detail (self, _("Region"), rapport_customer_get_region (c));
  add_detail (self, _("Source"), rapport_customer_get_source (c));
  if (rapport_customer_get_birthday (c) != NULL && rapport_customer_get_birthday_lunar (c))
    /* Translators: a birthday kept in the Chinese lunar calendar, %s is the date */
    birthday = g_strdup_printf (_("%s (lunar)"), rapport_customer_get_birthday (c));
  else
    birthday = g_strdup (rapport_customer_get_birthday (c));
  add_detail (self, _("Birthday"), birthday);
  add_detail (self, _("Notes"), rapport_customer_get_notes (c));

  clear_container (GTK_WIDGET (self->tags_box));
  tags = rapport_customer_get_tags (c);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      GtkWidget *pill = gtk_label_new (tags[i]);

      gtk_widget_add_css_class (pill, "rapport-tag");
      gtk_box_append (self->tags_box, pill);
    }
  gtk_widget_set_visible (self->tags_scroller, tags != NULL && tags[0] != NULL);
}

/* Contacts */

static GtkWidget *
create_contact_row (gpointer item,
                    gpointer user_data)
{
  RapportCustomerPage *self = user_data;
  RapportContact *contact = item;
  gint64 id = rapport_contact_get_id (contact);
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autofree char *subtitle = NULL;
  const char * const *emails = rapport_contact_get_emails (contact);
  const char * const *phones;
  GtkWidget *row;

  if (rapport_contact_get_title (contact) != NULL && *rapport_contact_get_title (contact) != '\0')
    g_ptr_array_add (parts, g_strdup (rapport_contact_get_title (contact)));
  if (rapport_contact_get_phones (contact) != NULL && rapport_contact_get_phones (contact)[0] != NULL)
    g_ptr_array_add (parts, join_phones (rapport_contact_get_phones (contact),
                                        rapport_session_get_default_country_code (self->session)));
  if (emails != NULL && emails[0] != NULL)
    g_ptr_array_add (parts, g_strjoinv (", ", (char **) emails));
  if (rapport_contact_get_do_not_contact (contact))
    {
      g_ptr_array_add (parts, rapport_do_not_contact_describe (rapport_contact_get_do_not_contact_reason (contact)));
    }
  g_ptr_array_add (parts, NULL);
  subtitle = g_strjoinv ("\n", (char **) parts->pdata);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rapport_contact_get_name (contact));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  if (rapport_contact_get_is_primary (contact))
    {
      GtkWidget *star = gtk_image_new_from_icon_name ("starred-symbolic");

      gtk_widget_set_tooltip_text (star, _("Primary Contact"));
      gtk_widget_add_css_class (star, "rapport-primary-star");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), star);
    }
  else
    {
      /* Keeps the names of all contacts in one column. */
      GtkWidget *space = gtk_image_new ();

      gtk_image_set_pixel_size (GTK_IMAGE (space), 16);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), space);
    }

  /* The first number is a call away; every number and address is in the menu. */
  phones = rapport_contact_get_phones (contact);
  if (phones != NULL && phones[0] != NULL)
    {
      /* Translators: what a button does for a screen reader; %s is a contact's name */
      g_autofree char *call = g_strdup_printf (_("Call %s"), rapport_contact_get_name (contact));

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 new_value_button ("call-start-symbolic", _("Call"), call, "customer.call", phones[0]));
    }

  for (guint i = 0; phones != NULL && phones[i] != NULL; i++)
    {
      g_autoptr (GMenu) section = g_menu_new ();
      g_autofree char *shown = rapport_phone_format (phones[i], rapport_session_get_default_country_code (self->session));
      g_autofree char *escaped = escape_mnemonics (shown);
      g_autofree char *call = g_strdup_printf (_("Call %s"), escaped);
      g_autofree char *sms = g_strdup_printf (_("Send SMS to %s"), escaped);
      g_autofree char *copy = g_strdup_printf (_("Copy %s"), escaped);

      append_value_item (section, call, "customer.call", phones[i]);
      append_value_item (section, sms, "customer.send-sms", phones[i]);
      append_value_item (section, copy, "customer.copy", shown);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
    }
  for (guint i = 0; emails != NULL && emails[i] != NULL; i++)
    {
      g_autoptr (GMenu) section = g_menu_new ();
      g_autofree char *escaped = escape_mnemonics (emails[i]);
      g_autofree char *write = g_strdup_printf (_("Write E-mail to %s"), escaped);
      g_autofree char *copy = g_strdup_printf (_("Copy %s"), escaped);

      append_value_item (section, write, "customer.write-email", emails[i]);
      append_value_item (section, copy, "customer.copy", emails[i]);
      g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
    }

  {
    g_autoptr (GMenu) section = g_menu_new ();

    append_menu_item (section, _("Send E-_mail…"), "customer.compose-mail", id);
    append_menu_item (section, _("Send _SMS…"), "customer.compose-sms", id);
    g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  }
  {
    g_autoptr (GMenu) section = g_menu_new ();

    append_menu_item (section, _("_Edit…"), "customer.edit-contact", id);
    if (!rapport_contact_get_is_primary (contact))
      append_menu_item (section, _("Make _Primary"), "customer.make-primary", id);
    append_menu_item (section, _("_Remove"), "customer.remove-contact", id);
    g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_menu_button (G_MENU_MODEL (menu)));

  return row;
}

/* Follow-ups */

static GtkWidget *
create_follow_up_row (gpointer item,
                      gpointer user_data)
{
  RapportCustomerPage *self = user_data;
  GtkWidget *row = rapport_follow_up_row_new (self->follow_up_actions, item);

  /* They are all this customer's. */
  rapport_follow_up_row_set_show_customer (RAPPORT_FOLLOW_UP_ROW (row), FALSE);

  return row;
}

static void arm_due_words (RapportCustomerPage *self);

static gboolean
due_words_cb (RapportWallTimerReason reason,
              gpointer               user_data)
{
  RapportCustomerPage *self = user_data;

  self->due_words_source = 0;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->follow_ups_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (RAPPORT_IS_FOLLOW_UP_ROW (row))
      rapport_follow_up_row_update_due (RAPPORT_FOLLOW_UP_ROW (row));
  arm_due_words (self);

  return G_SOURCE_REMOVE;
}

/* "Due 14:00" turns "Overdue" at 14:00 and "Tomorrow" turns the time alone at
 * midnight: one wall-clock wake-up at the first such change, none without
 * follow-ups. */
static void
arm_due_words (RapportCustomerPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->follow_ups));
  gint64 now, next = G_MAXINT64;

  g_clear_handle_id (&self->due_words_source, g_source_remove);
  if (n == 0 || self->session == NULL)
    return;

  now = rapport_clock_now (rapport_session_get_clock (self->session));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportFollowUp) follow_up = g_list_model_get_item (G_LIST_MODEL (self->follow_ups), i);

      next = MIN (next, rapport_follow_up_due_next_change (rapport_follow_up_get_due_at (follow_up), now));
    }

  /* The same span on the wall clock, so that a clock set in tests never
   * arms a deadline already past. */
  self->due_words_source = rapport_wall_timer_add (g_get_real_time () / G_USEC_PER_SEC + (next - now),
                                                   due_words_cb, self, NULL);
}

/* Timeline */

static GtkWidget *
create_interaction_row (gpointer item,
                        gpointer user_data)
{
  RapportInteraction *interaction = item;
  RapportInteractionKind kind = rapport_interaction_get_kind (interaction);
  g_autoptr (GDateTime) when = g_date_time_new_from_unix_local (rapport_interaction_get_occurred_at (interaction));
  g_autoptr (GString) meta = g_string_new (NULL);
  g_autoptr (GMenu) menu = g_menu_new ();
  const char *contact_name = rapport_interaction_get_contact_name (interaction);
  const char *details = rapport_interaction_get_details (interaction);
  const char *outcome = rapport_interaction_get_outcome (interaction);
  GtkWidget *row, *box, *icon, *text, *label;

  if (when != NULL)
    {
      g_autofree char *time = g_date_time_format (when, "%H:%M");
      g_string_append (meta, time);
      g_string_append (meta, " · ");
    }
  g_string_append (meta, rapport_interaction_kind_get_label (kind));
  if (contact_name != NULL && *contact_name != '\0')
    {
      g_string_append (meta, " · ");
      g_string_append (meta, contact_name);
    }

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "interaction", g_object_ref (interaction), g_object_unref);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  icon = gtk_image_new_from_icon_name (rapport_interaction_kind_get_icon_name (kind));
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (icon, rapport_interaction_kind_get_label (kind));
  gtk_widget_add_css_class (icon, "rapport-kind-icon");
  gtk_box_append (GTK_BOX (box), icon);

  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);

  label = gtk_label_new (meta->str);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (text), label);

  label = gtk_label_new (rapport_interaction_get_summary (interaction));
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (text), label);

  if (details != NULL && *details != '\0')
    {
      label = gtk_label_new (details);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (text), label);
    }

  if (outcome != NULL && *outcome != '\0')
    {
      /* Translators: the outcome of a call or visit, %s is what the user wrote */
      g_autofree char *outcome_text = g_strdup_printf (_("Outcome: %s"), outcome);

      label = gtk_label_new (outcome_text);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (label, "rapport-outcome");
      gtk_box_append (GTK_BOX (text), label);
    }

  append_menu_item (menu, _("_Edit…"), "customer.edit-interaction",
                    rapport_interaction_get_id (interaction));
  append_menu_item (menu, _("_Remove"), "customer.remove-interaction",
                    rapport_interaction_get_id (interaction));
  {
    GtkWidget *button = new_menu_button (G_MENU_MODEL (menu));

    gtk_widget_set_valign (button, GTK_ALIGN_START);
    gtk_box_append (GTK_BOX (box), button);
  }

  return row;
}

static void
timeline_header_func (GtkListBoxRow *row,
                      GtkListBoxRow *before,
                      gpointer       user_data)
{
  RapportCustomerPage *self = user_data;
  RapportInteraction *interaction = g_object_get_data (G_OBJECT (row), "interaction");
  RapportInteraction *previous = before != NULL ? g_object_get_data (G_OBJECT (before), "interaction") : NULL;
  gint64 now;
  g_autofree char *heading = NULL;
  g_autofree char *previous_heading = NULL;
  GtkWidget *label;

  /* Rows also go (and their neighbours get new headers) as the page is disposed. */
  if (interaction == NULL || self->session == NULL)
    return;

  now = rapport_clock_now (rapport_session_get_clock (self->session));
  heading = rapport_format_day_heading (rapport_interaction_get_occurred_at (interaction), now);
  if (previous != NULL)
    previous_heading = rapport_format_day_heading (rapport_interaction_get_occurred_at (previous), now);

  if (g_strcmp0 (heading, previous_heading) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  label = gtk_list_box_row_get_header (row);
  if (label == NULL)
    {
      label = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_add_css_class (label, "rapport-day-heading");
      gtk_widget_add_css_class (label, "heading");
      gtk_list_box_row_set_header (row, label);
    }
  gtk_label_set_text (GTK_LABEL (label), heading);
}

/* Orders */

static GtkWidget *
create_order_row (gpointer item,
                  gpointer user_data)
{
  RapportOrder *order = item;
  g_autofree char *amount = rapport_money_format (rapport_order_get_amount (order),
                                                  rapport_order_get_currency (order));
  g_autofree char *subtitle = NULL;
  g_autoptr (GMenu) menu = g_menu_new ();
  const char *description = rapport_order_get_description (order);
  GtkWidget *row;

  if (description != NULL && *description != '\0')
    subtitle = g_strdup_printf ("%s · %s", rapport_order_get_ordered_on (order), description);
  else
    subtitle = g_strdup (rapport_order_get_ordered_on (order));

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), amount);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "rapport-order");

  append_menu_item (menu, _("_Edit…"), "customer.edit-order", rapport_order_get_id (order));
  append_menu_item (menu, _("_Remove"), "customer.remove-order", rapport_order_get_id (order));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_menu_button (G_MENU_MODEL (menu)));

  return row;
}

static void
show_orders_summary (RapportCustomerPage *self)
{
  RapportCustomerSummary summary = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *description = NULL;

  if (!rapport_store_get_customer_summary (self->db, self->customer_id,
                                           rapport_session_get_default_currency (self->session),
                                           &summary, &error))
    {
      g_warning ("Could not read the order totals: %s", error->message);
      adw_preferences_group_set_description (self->orders_group, NULL);
      return;
    }

  if (summary.n_orders > 0)
    {
      g_autofree char *total = rapport_money_format (summary.order_total, summary.order_currency);

      /* Translators: the first %s is a sum of money, the second a date */
      g_autofree char *text = g_strdup_printf (_("Total %s · last purchase %s"), total,
                                               summary.last_order_on != NULL ? summary.last_order_on : "");

      /* A group's description is markup. */
      description = g_markup_escape_text (text, -1);
    }

  adw_preferences_group_set_description (self->orders_group, description);
  rapport_customer_summary_clear (&summary);
}

/* Opportunities */

static char *
describe_opportunity (RapportCustomerPage *self,
                      RapportOpportunity  *opportunity)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  RapportClock *clock = rapport_session_get_clock (self->session);
  const char *stage = g_hash_table_lookup (self->stage_names, &(gint64) { rapport_opportunity_get_stage_id (opportunity) });
  const char *close = rapport_opportunity_get_expected_close (opportunity);
  g_autofree char *line = NULL;
  gint total = rapport_opportunity_get_plan_steps_total (opportunity);
  gint days = 0;

  switch (rapport_opportunity_get_stage_kind (opportunity))
    {
    case RAPPORT_STAGE_KIND_WON:
      {
        g_autofree char *day = rapport_date_from_unix_local (rapport_opportunity_get_closed_at (opportunity));

        /* Translators: %s is a date, YYYY-MM-DD */
        g_ptr_array_add (parts, g_strdup_printf (_("Won %s"), day));
      }
      break;

    case RAPPORT_STAGE_KIND_LOST:
      {
        const char *reason = g_hash_table_lookup (self->lost_reasons,
                                                  &(gint64) { rapport_opportunity_get_lost_reason_id (opportunity) });

        /* Translators: %s is why a sales opportunity was lost, e.g. "Price" */
        g_ptr_array_add (parts, reason != NULL ? g_strdup_printf (_("Lost: %s"), reason) : g_strdup (_("Lost")));
      }
      break;

    case RAPPORT_STAGE_KIND_OPEN:
    default:
      if (stage != NULL)
        g_ptr_array_add (parts, g_strdup (stage));
      break;
    }

  if (rapport_opportunity_get_amount (opportunity) > 0)
    g_ptr_array_add (parts, rapport_money_format (rapport_opportunity_get_amount (opportunity),
                                                  rapport_opportunity_get_currency (opportunity)));

  if (!rapport_opportunity_is_closed (opportunity))
    {
      /* Translators: a probability, e.g. "40 %" */
      g_ptr_array_add (parts, g_strdup_printf (_("%d %%"), rapport_opportunity_get_effective_probability (opportunity)));
      if (close != NULL && *close != '\0')
        /* Translators: %s is the expected close date, YYYY-MM-DD */
        g_ptr_array_add (parts, g_strdup_printf (_("closes %s"), close));
    }

  if (total > 0)
    /* Translators: the development plan's progress, e.g. "plan 2 of 5 done" */
    g_ptr_array_add (parts, g_strdup_printf (_("plan %d of %d done"),
                                             rapport_opportunity_get_plan_steps_done (opportunity), total));

  g_ptr_array_add (parts, NULL);
  line = g_strjoinv (" · ", (char **) parts->pdata);

  if (rapport_opportunity_is_stalled (opportunity, clock, &days))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\nNo activity for %d day", "%s\nNo activity for %d days", days),
                            line, days);
  if (rapport_opportunity_is_overdue (opportunity, clock))
    /* Translators: %s is the rest of the opportunity's line */
    return g_strdup_printf (_("%s\nExpected close date passed"), line);

  return g_steal_pointer (&line);
}

static GtkWidget *
create_opportunity_row (gpointer item,
                        gpointer user_data)
{
  RapportCustomerPage *self = user_data;
  RapportOpportunity *opportunity = item;
  gint64 id = rapport_opportunity_get_id (opportunity);
  g_autofree char *subtitle = describe_opportunity (self, opportunity);
  g_autoptr (GMenu) menu = g_menu_new ();
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rapport_opportunity_get_title (opportunity));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (row, "rapport-opportunity");
  if (rapport_opportunity_is_closed (opportunity))
    gtk_widget_add_css_class (row, "dim-label");
  g_object_set_data_full (G_OBJECT (row), "opportunity-id", g_memdup2 (&id, sizeof id), g_free);

  append_menu_item (menu, _("_Edit…"), "customer.open-opportunity", id);
  if (rapport_opportunity_is_closed (opportunity))
    append_menu_item (menu, _("_Reopen…"), "customer.reopen-opportunity", id);
  else
    {
      append_menu_item (menu, _("_Won"), "customer.win-opportunity", id);
      append_menu_item (menu, _("_Lost…"), "customer.lose-opportunity", id);
    }
  append_menu_item (menu, _("Move to _Trash"), "customer.trash-opportunity", id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_menu_button (G_MENU_MODEL (menu)));

  return row;
}

static void
load_opportunity_names (RapportCustomerPage *self)
{
  g_autoptr (GListModel) stages = rapport_store_list_pipeline_stages (self->db, NULL);
  g_autoptr (GArray) reasons = rapport_store_list_lost_reasons (self->db, NULL);

  g_hash_table_remove_all (self->stage_names);
  g_hash_table_remove_all (self->lost_reasons);

  for (guint i = 0; stages != NULL && i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr (RapportPipelineStage) stage = g_list_model_get_item (stages, i);
      gint64 id = rapport_pipeline_stage_get_id (stage);

      g_hash_table_insert (self->stage_names, g_memdup2 (&id, sizeof id),
                           g_strdup (rapport_pipeline_stage_get_name (stage)));
    }

  for (guint i = 0; reasons != NULL && i < reasons->len; i++)
    {
      RapportLostReason *reason = &g_array_index (reasons, RapportLostReason, i);

      g_hash_table_insert (self->lost_reasons, g_memdup2 (&reason->id, sizeof reason->id), g_strdup (reason->name));
    }
}

static void
load_opportunities (RapportCustomerPage *self,
                    gboolean             names_changed)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) opportunities = rapport_store_list_customer_opportunities (self->db, self->customer_id, &error);
  g_autofree char *today = rapport_date_today (rapport_session_get_clock (self->session));
  guint n;

  if (opportunities == NULL)
    {
      show_error_toast (self, error);
      return;
    }

  if (names_changed)
    load_opportunity_names (self);
  rapport_list_store_sync (self->opportunities, opportunities);

  /* A renamed stage, or another day (how long one is idle), changes the
   * rows but none of their opportunities. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->opportunities));
  if ((names_changed || g_strcmp0 (today, self->opportunities_day) != 0) && n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self->opportunities), 0, n, n);
  g_free (self->opportunities_day);
  self->opportunities_day = g_steal_pointer (&today);
}

/* Loading */

/* Brings @store to what the store read; an error keeps what is shown. */
static void
sync_section (RapportCustomerPage *self,
              GListStore          *store,
              GListModel          *fresh,
              const GError        *error)
{
  if (fresh == NULL)
    {
      show_error_toast (self, error);
      return;
    }

  rapport_list_store_sync (store, fresh);
}

static void
load_timeline (RapportCustomerPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) interactions = NULL;
  guint n;

  /* One more than shown tells whether there are older ones. */
  interactions = rapport_store_list_interactions (self->db, self->customer_id,
                                                  self->timeline_wanted + 1, &error);
  if (interactions == NULL)
    {
      show_error_toast (self, error);
      return;
    }

  n = g_list_model_get_n_items (interactions);
  gtk_widget_set_visible (self->older_button, n > self->timeline_wanted);
  if (n > self->timeline_wanted)
    g_list_store_remove (G_LIST_STORE (interactions), n - 1);

  rapport_list_store_sync (self->interactions, interactions);
}

static void
load (RapportCustomerPage *self,
      DirtyFlags           what)
{
  g_autoptr (GError) error = NULL;

  if (what & DIRTY_CUSTOMER)
    {
      g_autoptr (RapportCustomer) customer = rapport_store_get_customer (self->db, self->customer_id, &error);

      if (customer == NULL || rapport_customer_get_deleted_at (customer) != 0)
        {
          if (customer == NULL && !g_error_matches (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND))
            show_error_toast (self, error);
          rapport_customer_page_set_customer_id (self, 0);
          return;
        }

      g_set_object (&self->customer, customer);
      show_customer (self);
    }

  if (what & DIRTY_CONTACTS)
    {
      g_autoptr (GListModel) contacts = rapport_store_list_contacts (self->db, self->customer_id, &error);

      sync_section (self, self->contacts, contacts, error);
      g_clear_error (&error);
    }

  if (what & DIRTY_FOLLOW_UPS)
    {
      g_autoptr (GListModel) follow_ups = rapport_store_list_follow_ups (self->db, self->customer_id, TRUE, &error);

      sync_section (self, self->follow_ups, follow_ups, error);
      g_clear_error (&error);
      arm_due_words (self);
    }

  if (what & DIRTY_TIMELINE)
    load_timeline (self);

  if (what & DIRTY_ORDERS)
    {
      g_autoptr (GListModel) orders = rapport_store_list_orders (self->db, self->customer_id, &error);

      sync_section (self, self->orders, orders, error);
      show_orders_summary (self);
    }

  if (what & (DIRTY_OPPORTUNITIES | DIRTY_PIPELINE_NAMES))
    load_opportunities (self, (what & DIRTY_PIPELINE_NAMES) != 0);
}

static void
clear_shown (RapportCustomerPage *self)
{
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->due_words_source, g_source_remove);
  self->dirty = 0;
  self->timeline_wanted = TIMELINE_PAGE;
  g_clear_object (&self->customer);
  g_list_store_remove_all (self->contacts);
  g_list_store_remove_all (self->follow_ups);
  g_list_store_remove_all (self->interactions);
  g_list_store_remove_all (self->orders);
  g_list_store_remove_all (self->opportunities);
  gtk_widget_set_visible (self->older_button, FALSE);
}

static void
reload_all (RapportCustomerPage *self)
{
  clear_shown (self);

  if (self->db != NULL && self->customer_id > 0)
    load (self, DIRTY_ALL);

  if (self->customer != NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "customer");
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0.0);
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      set_title (self, "");
    }

  update_actions (self);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  RapportCustomerPage *self = user_data;
  DirtyFlags what = self->dirty;

  self->refresh_source = 0;
  self->dirty = 0;

  if (self->customer != NULL)
    load (self, what);

  return G_SOURCE_REMOVE;
}

/* Changes that arrive together (a worker's chunks) make one refresh. */
static void
refresh (RapportCustomerPage *self,
         DirtyFlags           what)
{
  self->dirty |= what;

  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle_cb, self, NULL);
}

static DirtyFlags
sections_of_kind (RapportEntityKind kind)
{
  switch (kind)
    {
    case RAPPORT_ENTITY_KIND_CUSTOMER:
      /* The order totals are summed in the default currency of the customer. */
      return DIRTY_CUSTOMER;
    case RAPPORT_ENTITY_KIND_CONTACT:
      /* The timeline names contacts too. */
      return DIRTY_CONTACTS | DIRTY_TIMELINE;
    case RAPPORT_ENTITY_KIND_INTERACTION:
      return DIRTY_TIMELINE;
    case RAPPORT_ENTITY_KIND_ORDER:
      return DIRTY_ORDERS;
    case RAPPORT_ENTITY_KIND_FOLLOW_UP:
      return DIRTY_FOLLOW_UPS;
    case RAPPORT_ENTITY_KIND_OPPORTUNITY:
    case RAPPORT_ENTITY_KIND_PLAN_STEP:
      return DIRTY_OPPORTUNITIES;
    case RAPPORT_ENTITY_KIND_TAG:
    case RAPPORT_ENTITY_KIND_USER:
    default:
      return 0;
    }
}

/* Callbacks */

static void
changes_cb (RapportCustomerPage *self,
            GArray              *changes)
{
  DirtyFlags what = 0;

  if (self->customer == NULL)
    return;

  for (guint i = 0; i < changes->len; i++)
    {
      const RapportChange *change = &g_array_index (changes, RapportChange, i);

      /* The owner's name is in the header. */
      if (change->kind == RAPPORT_ENTITY_KIND_USER)
        {
          what |= DIRTY_CUSTOMER;
          continue;
        }

      /* So are the names of the stages and lost reasons on its opportunities. */
      if (change->kind == RAPPORT_ENTITY_KIND_PIPELINE_STAGE || change->kind == RAPPORT_ENTITY_KIND_LOST_REASON)
        {
          what |= DIRTY_PIPELINE_NAMES;
          continue;
        }

      /* Other customers' rows are not on this page. */
      if (!rapport_change_concerns_customer (change, self->customer_id))
        continue;

      if (change->change == RAPPORT_CHANGE_RELOADED)
        {
          /* A bulk change of customers may be a change of anything. */
          what |= change->kind == RAPPORT_ENTITY_KIND_CUSTOMER ? DIRTY_ALL : sections_of_kind (change->kind);
          continue;
        }

      if (change->kind == RAPPORT_ENTITY_KIND_CUSTOMER &&
          (change->change == RAPPORT_CHANGE_TRASHED || change->change == RAPPORT_CHANGE_DELETED))
        {
          rapport_customer_page_set_customer_id (self, 0);
          return;
        }

      what |= sections_of_kind (change->kind);
    }

  if (what != 0)
    refresh (self, what);
}

static void
country_code_changed_cb (RapportCustomerPage *self)
{
  /* Phone numbers are shown in the national format of the default country. */
  if (self->customer == NULL)
    return;

  show_customer (self);
  g_list_store_remove_all (self->contacts);
  refresh (self, DIRTY_CONTACTS);
}

static void
currency_changed_cb (RapportCustomerPage *self)
{
  if (self->customer != NULL)
    refresh (self, DIRTY_ORDERS);
}

static void
edge_reached_cb (RapportCustomerPage *self,
                 GtkPositionType      position)
{
  /* Scrolling to the end of the page reads older interactions. */
  if (position == GTK_POS_BOTTOM && gtk_widget_get_visible (self->older_button))
    gtk_widget_activate_action (GTK_WIDGET (self), "customer.show-older", NULL);
}

static void
open_existing_cb (GtkWidget           *dialog,
                  gint64               customer_id,
                  RapportCustomerPage *self)
{
  rapport_customer_page_set_customer_id (self, customer_id);
}

/* Actions */

static void
edit_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RapportCustomerPage *self = RAPPORT_CUSTOMER_PAGE (widget);
  GtkWidget *dialog;

  if (self->customer == NULL)
    return;

  dialog = rapport_customer_dialog_new (get_parent_window (self), self->session, self->customer);
  g_signal_connect_object (dialog, "open-existing", G_CALLBACK (open_existing_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Something new was logged for the customer: its follow-up may be handled
 * now. The one a Next Step just created is not. */
static void
logged_cb (RapportEditorDialog *dialog,
           gint64               id,
           RapportCustomerPage *self)
{
  gint64 next_step_id = 0;

  if (self->follow_up_actions == NULL || self->customer_id == 0)
    return;

  if (RAPPORT_IS_INTERACTION_DIALOG (dialog))
    next_step_id = rapport_interaction_dialog_get_next_step_id (RAPPORT_INTERACTION_DIALOG (dialog));

  rapport_follow_up_actions_offer_complete (self->follow_up_actions, self->customer_id, next_step_id,
                                            GTK_WIDGET (self));
}

static void
log_interaction_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  RapportCustomerPage *self = RAPPORT_CUSTOMER_PAGE (widget);
  GtkWidget *dialog;

  if (self->customer == NULL)
    return;

  dialog = rapport_interaction_dialog_new (get_parent_window (self), self->session, self->customer_id, NULL);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (logged_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_follow_up_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RapportCustomerPage *self = RAPPORT_CUSTOMER_PAGE (widget);

  if (self->customer == NULL)
    return;

  gtk_window_present (GTK_WINDOW (rapport_follow_up_dialog_new (get_parent_window (self),
                                                                self->session, self->customer_id, NULL)));
}

static void
add_contact_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RapportCustomerPage *self = RAPPORT_CUSTOMER_PAGE (widget);
  GtkWidget *dialog;

  if (self->customer == NULL)
    return;

  dialog = rapport_contact_dialog_new (get_parent_window (self), self->session, self->customer_id, NULL);
  g_signal_connect_object (dialog, "open-existing", G_CALLBACK (open_existing_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_order_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RapportCustomerPage *self = RAPPORT_CUSTOMER_PAGE (widget);
  GtkWidget *dialog;

  if (self->customer == NULL)
    return;

  dialog = rapport_order_dialog_new (get_parent_window (self), self->session, self->customer_id, NULL);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (logged_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_opportunity_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  RapportCustomerPage *self = RAPPORT_CUSTOMER_PAGE (widget);

  if (self->customer == NULL)
    return;

  rapport_opportunity_actions_open (widget, self->session, self->customer_id, 0);
}

static void
open_opportunity_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  RapportCustomerPage *self = RAPPORT_CUSTOMER_PAGE (widget);

  if (self->customer == NULL)
    return;

  rapport_opportunity_actions_open (widget, self->session, self->customer_id, g_variant_get_int64 (parameter));
}

static void
opportunity_activated_cb (RapportCustomerPage *self,
                          GtkListBoxRow       *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "opportunity-id");

  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "customer.open-opportunity", "x", *id);
}

static void
win_opportunity_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  RapportCustomerPage *self = RAPPORT_CUSTOMER_PAGE (widget);

  rapport_opportunity_actions_win (widget, self->session, g_variant_get_int64 (parameter));
}

static void
lose_opportunity_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  RapportCustomerPage *self = RAPPORT_CUSTOMER_PAGE (widget);

  rapport_opportunity_actions_lose (widget, self->session, g_variant_get_int64 (parameter));
}

static void
reopen_opportunity_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  RapportCustomerPage *self = RAPPORT_CUSTOMER_PAGE (widget);

  rapport_opportunity_actions_reopen (widget, self->session, g_variant_get_int64 (parameter));
}

static void
trash_opportunity_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  RapportCustomerPage *self = RAPPORT_CUSTOMER_PAGE (widget);

  rapport_opportunity_actions_trash (widget, self->session, g_variant_get_int64 (parameter));
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RapportCustomerPage *self = RAPPORT_CUSTOMER_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  gint64 id = self->customer_id;

  if (self->customer == NULL)
    return;

  name = g_strdup (rapport_customer_get_name (self->customer));
  if (!rapport_store_trash_customer (self->db, id, &error))
    {
      show_error_toast (self, error);
      return;
    }

  /* Translators: a toast after a delete; %s is the customer's name */
  title = g_strdup_printf (_("Deleted “%s”"), name);
  add_undo_toast (self, title, RAPPORT_ENTITY_KIND_CUSTOMER, id);

  /* The "changed" signal normally did this already. */
  rapport_customer_page_set_customer_id (self, 0);
}

static void
edit_contact_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RapportCustomerPage *self = RAPPORT_CUSTOMER_PAGE (widget);
  g_autoptr (RapportContact) contact = find_by_id (self->contacts, g_variant_get_int64 (parameter));

  if (contact == NULL)
    return;

  gtk_window_present (GTK_WINDOW (rapport_contact_dialog_new (get_parent_window (self), self->session,
                                                              self->customer_id, contact)));
}

/* Through Rapport's outbox, unlike send-sms and write-email that hand the
 * address to another app. The target is a contact's id, 0 for the customer. */
static void
compose_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RapportCustomerPage *self = RAPPORT_CUSTOMER_PAGE (widget);
  RapportChannel channel = g_str_equal (action_name, "customer.compose-sms") ? RAPPORT_CHANNEL_SMS : RAPPORT_CHANNEL_MAIL;
  GtkWidget *dialog;

  if (self->customer == NULL)
    return;

  dialog = rapport_compose_dialog_new_for_customer (self->session, self->customer_id,
                                                    g_variant_get_int64 (parameter), channel);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), get_parent_window (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
make_primary_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RapportCustomerPage *self = RAPPORT_CUSTOMER_PAGE (widget);
  g_autoptr (GError) error = NULL;

  if (!rapport_store_set_primary_contact (self->db, g_variant_get_int64 (parameter), &error))
    show_error_toast (self, error);
}

static void
remove_contact_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  RapportCustomerPage *self = RAPPORT_CUSTOMER_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr (RapportContact) contact = find_by_id (self->contacts, id);
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;

  if (contact == NULL)
    return;

  if (!rapport_store_trash_contact (self->db, id, &error))
    {
      show_error_toast (self, error);
      return;
    }

  /* Translators: a toast after removing a contact; %s is the contact's name */
  title = g_strdup_printf (_("Removed “%s”"), rapport_contact_get_name (contact));
  add_undo_toast (self, title, RAPPORT_ENTITY_KIND_CONTACT, id);
}

static void
edit_order_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RapportCustomerPage *self = RAPPORT_CUSTOMER_PAGE (widget);
  g_autoptr (RapportOrder) order = find_by_id (self->orders, g_variant_get_int64 (parameter));

  if (order == NULL)
    return;

  gtk_window_present (GTK_WINDOW (rapport_order_dialog_new (get_parent_window (self), self->session,
                                                            self->customer_id, order)));
}

static void
remove_order_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RapportCustomerPage *self = RAPPORT_CUSTOMER_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr (GError) error = NULL;

  if (!rapport_store_trash_order (self->db, id, &error))
    {
      show_error_toast (self, error);
      return;
    }

  add_undo_toast (self, _("Order removed"), RAPPORT_ENTITY_KIND_ORDER, id);
}

static void
remove_interaction_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  RapportCustomerPage *self = RAPPORT_CUSTOMER_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr (GError) error = NULL;

  if (!rapport_store_trash_interaction (self->db, id, &error))
    {
      show_error_toast (self, error);
      return;
    }

  add_undo_toast (self, _("Interaction removed"), RAPPORT_ENTITY_KIND_INTERACTION, id);
}

static void
edit_interaction_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  RapportCustomerPage *self = RAPPORT_CUSTOMER_PAGE (widget);
  g_autoptr (RapportInteraction) interaction = find_by_id (self->interactions, g_variant_get_int64 (parameter));

  if (interaction == NULL)
    return;

  gtk_window_present (GTK_WINDOW (rapport_interaction_dialog_new (get_parent_window (self), self->session,
                                                                  self->customer_id, interaction)));
}

static void
show_older_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RapportCustomerPage *self = RAPPORT_CUSTOMER_PAGE (widget);

  if (self->customer == NULL)
    return;

  self->timeline_wanted += TIMELINE_PAGE;
  load_timeline (self);
}

/* Phones, e-mails, websites */

typedef struct
{
  RapportCustomerPage *self;   /* owned */
  char                *uri;
} Launch;

static void
launch_free (Launch *launch)
{
  g_clear_object (&launch->self);
  g_free (launch->uri);
  g_free (launch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Launch, launch_free)

/* What the user can do about it, rather than GIO's "Operation not supported". */
static const char *
describe_launch_failure (const char *uri)
{
  if (g_str_has_prefix (uri, "tel:"))
    return _("No app on this computer can make calls");
  if (g_str_has_prefix (uri, "sms:"))
    return _("No app on this computer can send SMS");
  if (g_str_has_prefix (uri, "mailto:"))
    return _("No mail app is set up on this computer");

  return _("No web browser could open the website");
}

static void
uri_launched_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (Launch) launch = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *escaped = NULL;

  /* Nothing to say when the user closed the portal's app chooser. */
  if (rapport_compat_launch_uri_finish (result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_debug ("Could not open %s: %s", launch->uri, error->message);
  escaped = g_markup_escape_text (describe_launch_failure (launch->uri), -1);
  rapport_widget_add_toast (GTK_WIDGET (launch->self), adw_toast_new (escaped));
}

static gboolean
rapport_customer_page_real_open_uri (RapportCustomerPage *self,
                                     const char          *uri)
{
  Launch *launch = g_new0 (Launch, 1);

  launch->self = g_object_ref (self);
  launch->uri = g_strdup (uri);
  rapport_compat_launch_uri_async (get_parent_window (self), uri, NULL, uri_launched_cb, launch);

  return TRUE;
}

static void
open_uri (RapportCustomerPage *self,
          const char          *uri)
{
  gboolean handled = FALSE;

  if (uri == NULL)
    return;

  g_signal_emit (self, signals[OPEN_URI], 0, uri, &handled);
}

static void
call_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_autofree char *uri = rapport_phone_to_tel_uri (g_variant_get_string (parameter, NULL));

  open_uri (RAPPORT_CUSTOMER_PAGE (widget), uri);
}

static void
send_sms_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autofree char *uri = rapport_phone_to_sms_uri (g_variant_get_string (parameter, NULL));

  open_uri (RAPPORT_CUSTOMER_PAGE (widget), uri);
}

static void
write_email_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_autofree char *uri = rapport_email_to_mailto_uri (g_variant_get_string (parameter, NULL));

  open_uri (RAPPORT_CUSTOMER_PAGE (widget), uri);
}

static void
open_website_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  g_autofree char *uri = rapport_url_to_launch_uri (g_variant_get_string (parameter, NULL));

  open_uri (RAPPORT_CUSTOMER_PAGE (widget), uri);
}

static void
copy_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), g_variant_get_string (parameter, NULL));
  rapport_widget_add_toast (widget, adw_toast_new (_("Copied")));
}

/* GObject */

static void
rapport_customer_page_dispose (GObject *object)
{
  RapportCustomerPage *self = RAPPORT_CUSTOMER_PAGE (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->due_words_source, g_source_remove);
  g_clear_object (&self->customer);
  if (self->bus_signals != NULL)
    g_signal_group_set_target (self->bus_signals, NULL);
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->bus_signals);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->follow_up_actions);
  self->db = NULL;
  g_clear_object (&self->session);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_CUSTOMER_PAGE);
  g_clear_object (&self->contacts);
  g_clear_object (&self->follow_ups);
  g_clear_object (&self->interactions);
  g_clear_object (&self->orders);
  g_clear_object (&self->opportunities);
  g_clear_pointer (&self->stage_names, g_hash_table_unref);
  g_clear_pointer (&self->lost_reasons, g_hash_table_unref);

  G_OBJECT_CLASS (rapport_customer_page_parent_class)->dispose (object);
}

static void
rapport_customer_page_finalize (GObject *object)
{
  RapportCustomerPage *self = RAPPORT_CUSTOMER_PAGE (object);

  g_free (self->title);
  g_free (self->opportunities_day);

  G_OBJECT_CLASS (rapport_customer_page_parent_class)->finalize (object);
}

static void
rapport_customer_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RapportCustomerPage *self = RAPPORT_CUSTOMER_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, self->customer_id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, rapport_customer_page_get_title (self));
      break;

    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_customer_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RapportCustomerPage *self = RAPPORT_CUSTOMER_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      rapport_customer_page_set_session (self, g_value_get_object (value));
      break;

    case PROP_CUSTOMER_ID:
      rapport_customer_page_set_customer_id (self, g_value_get_int64 (value));
      break;

    case PROP_SHOW_BACK_BUTTON:
      rapport_customer_page_set_show_back_button (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_customer_page_class_init (RapportCustomerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_customer_page_dispose;
  object_class->finalize = rapport_customer_page_finalize;
  object_class->get_property = rapport_customer_page_get_property;
  object_class->set_property = rapport_customer_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         RAPPORT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportCustomerPage::open-uri:
   * @uri: a tel:, sms:, mailto: or http(s): URI
   *
   * A phone, an e-mail address or a website is to be handed to the desktop.
   * The default handler launches @uri (the OpenURI portal inside Flatpak);
   * a handler that returns %TRUE launches nothing more (tests).
   *
   * Returns: %TRUE when @uri was handled
   */
  signals[OPEN_URI] = g_signal_new_class_handler ("open-uri", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                  G_CALLBACK (rapport_customer_page_real_open_uri),
                                                  g_signal_accumulator_true_handled, NULL, NULL,
                                                  G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

  g_type_ensure (RAPPORT_TYPE_CUSTOMER_SERVICE_GROUP);
  g_type_ensure (RAPPORT_TYPE_CUSTOMER_TIER_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-customer-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerPage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerPage, code_label);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerPage, tier_label);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerPage, stage_label);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerPage, owner_label);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerPage, details_list);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerPage, tags_box);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerPage, tags_scroller);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerPage, contacts_list);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerPage, timeline_list);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerPage, older_button);
  gtk_widget_class_bind_template_callback (widget_class, edge_reached_cb);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerPage, orders_list);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerPage, orders_group);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerPage, follow_ups_list);
  gtk_widget_class_bind_template_child (widget_class, RapportCustomerPage, opportunities_list);
  gtk_widget_class_bind_template_callback (widget_class, opportunity_activated_cb);

  gtk_widget_class_install_action (widget_class, "customer.edit", NULL, edit_activated);
  gtk_widget_class_install_action (widget_class, "customer.log-interaction", NULL, log_interaction_activated);
  gtk_widget_class_install_action (widget_class, "customer.add-contact", NULL, add_contact_activated);
  gtk_widget_class_install_action (widget_class, "customer.add-follow-up", NULL, add_follow_up_activated);
  gtk_widget_class_install_action (widget_class, "customer.add-order", NULL, add_order_activated);
  gtk_widget_class_install_action (widget_class, "customer.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "customer.edit-contact", "x", edit_contact_activated);
  gtk_widget_class_install_action (widget_class, "customer.make-primary", "x", make_primary_activated);
  gtk_widget_class_install_action (widget_class, "customer.remove-contact", "x", remove_contact_activated);
  gtk_widget_class_install_action (widget_class, "customer.edit-order", "x", edit_order_activated);
  gtk_widget_class_install_action (widget_class, "customer.remove-order", "x", remove_order_activated);
  gtk_widget_class_install_action (widget_class, "customer.remove-interaction", "x", remove_interaction_activated);
  gtk_widget_class_install_action (widget_class, "customer.edit-interaction", "x", edit_interaction_activated);
  gtk_widget_class_install_action (widget_class, "customer.show-older", NULL, show_older_activated);
  gtk_widget_class_install_action (widget_class, "customer.compose-mail", "x", compose_activated);
  gtk_widget_class_install_action (widget_class, "customer.compose-sms", "x", compose_activated);
  /* These change nothing: a read-only book offers them too. */
  gtk_widget_class_install_action (widget_class, "customer.call", "s", call_activated);
  gtk_widget_class_install_action (widget_class, "customer.send-sms", "s", send_sms_activated);
  gtk_widget_class_install_action (widget_class, "customer.write-email", "s", write_email_activated);
  gtk_widget_class_install_action (widget_class, "customer.open-website", "s", open_website_activated);
  gtk_widget_class_install_action (widget_class, "customer.copy", "s", copy_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "customer.log-interaction", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "customer.add-follow-up", NULL);

  gtk_widget_class_install_action (widget_class, "customer.add-opportunity", NULL, add_opportunity_activated);
  gtk_widget_class_install_action (widget_class, "customer.open-opportunity", "x", open_opportunity_activated);
  gtk_widget_class_install_action (widget_class, "customer.win-opportunity", "x", win_opportunity_activated);
  gtk_widget_class_install_action (widget_class, "customer.lose-opportunity", "x", lose_opportunity_activated);
  gtk_widget_class_install_action (widget_class, "customer.reopen-opportunity", "x", reopen_opportunity_activated);
  gtk_widget_class_install_action (widget_class, "customer.trash-opportunity", "x", trash_opportunity_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "customer.add-opportunity", NULL);
}

static void
rapport_customer_page_init (RapportCustomerPage *self)
{
  GtkWidget *placeholder, *box, *button;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The handover log, under the owner it explains. */
  self->handover_log = RAPPORT_HANDOVER_LOG (rapport_handover_log_new ());
  gtk_widget_insert_after (GTK_WIDGET (self->handover_log), gtk_widget_get_parent (GTK_WIDGET (self->owner_label)),
                           GTK_WIDGET (self->owner_label));

  self->title = g_strdup ("");
  self->timeline_wanted = TIMELINE_PAGE;
  self->contacts = g_list_store_new (RAPPORT_TYPE_CONTACT);
  self->follow_ups = g_list_store_new (RAPPORT_TYPE_FOLLOW_UP);
  self->interactions = g_list_store_new (RAPPORT_TYPE_INTERACTION);
  self->orders = g_list_store_new (RAPPORT_TYPE_ORDER);
  self->opportunities = g_list_store_new (RAPPORT_TYPE_OPPORTUNITY);
  self->stage_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->lost_reasons = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  gtk_list_box_bind_model (self->contacts_list, G_LIST_MODEL (self->contacts), create_contact_row, self, NULL);
  gtk_list_box_bind_model (self->follow_ups_list, G_LIST_MODEL (self->follow_ups), create_follow_up_row, self, NULL);
  gtk_list_box_bind_model (self->timeline_list, G_LIST_MODEL (self->interactions), create_interaction_row, self, NULL);
  gtk_list_box_bind_model (self->orders_list, G_LIST_MODEL (self->orders), create_order_row, self, NULL);
  gtk_list_box_bind_model (self->opportunities_list, G_LIST_MODEL (self->opportunities),
                           create_opportunity_row, self, NULL);

  self->bus_signals = g_signal_group_new (RAPPORT_TYPE_CHANGE_BUS);
  g_signal_group_connect_swapped (self->bus_signals, "changed", G_CALLBACK (changes_cb), self);
  self->session_signals = g_signal_group_new (RAPPORT_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::default-country-code",
                                  G_CALLBACK (country_code_changed_cb), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::default-currency",
                                  G_CALLBACK (currency_changed_cb), self);

  placeholder = gtk_label_new (_("No contacts yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_add_css_class (placeholder, "rapport-placeholder");
  gtk_list_box_set_placeholder (self->contacts_list, placeholder);

  placeholder = gtk_label_new (_("No orders yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_add_css_class (placeholder, "rapport-placeholder");
  gtk_list_box_set_placeholder (self->orders_list, placeholder);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (box, "rapport-placeholder");
  placeholder = gtk_label_new (_("No open follow-ups"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_box_append (GTK_BOX (box), placeholder);
  button = gtk_button_new_with_mnemonic (_("Add _Follow-up"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "customer.add-follow-up");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  gtk_box_append (GTK_BOX (box), button);
  gtk_list_box_set_placeholder (self->follow_ups_list, box);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (box, "rapport-placeholder");
  placeholder = gtk_label_new (_("No opportunities yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_box_append (GTK_BOX (box), placeholder);
  button = gtk_button_new_with_mnemonic (_("Add O_pportunity"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "customer.add-opportunity");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  gtk_box_append (GTK_BOX (box), button);
  gtk_list_box_set_placeholder (self->opportunities_list, box);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (box, "rapport-placeholder");
  placeholder = gtk_label_new (_("No interactions logged yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_box_append (GTK_BOX (box), placeholder);
  button = gtk_button_new_with_mnemonic (_("_Log Interaction"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "customer.log-interaction");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  gtk_box_append (GTK_BOX (box), button);
  gtk_list_box_set_placeholder (self->timeline_list, box);

  gtk_list_box_set_header_func (self->timeline_list, timeline_header_func, self, NULL);

  update_actions (self);
}

/* Public API */

/**
 * rapport_customer_page_new:
 *
 * Returns: (transfer floating): a new page showing no customer
 */
GtkWidget *
rapport_customer_page_new (void)
{
  return g_object_new (RAPPORT_TYPE_CUSTOMER_PAGE, NULL);
}

/**
 * rapport_customer_page_get_session:
 * @self: a #RapportCustomerPage
 *
 * Returns: (transfer none) (nullable): the session whose customers it shows
 */
RapportSession *
rapport_customer_page_get_session (RapportCustomerPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_PAGE (self), NULL);

  return self->session;
}

/**
 * rapport_customer_page_set_session:
 * @self: a #RapportCustomerPage
 * @session: (nullable): an open session
 */
void
rapport_customer_page_set_session (RapportCustomerPage *self,
                                   RapportSession      *session)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_PAGE (self));
  g_return_if_fail (session == NULL || rapport_session_get_database (session) != NULL);

  if (self->session == session)
    return;

  g_set_object (&self->session, session);
  self->db = session != NULL ? rapport_session_get_database (session) : NULL;
  g_clear_object (&self->follow_up_actions);
  if (session != NULL)
    self->follow_up_actions = rapport_follow_up_actions_new (session);
  g_signal_group_set_target (self->session_signals, session);
  g_signal_group_set_target (self->bus_signals,
                             self->db != NULL ? rapport_database_get_change_bus (self->db) : NULL);

  self->customer_id = 0;
  reload_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

gint64
rapport_customer_page_get_customer_id (RapportCustomerPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_PAGE (self), 0);

  return self->customer_id;
}

/**
 * rapport_customer_page_set_customer_id:
 * @self: a #RapportCustomerPage
 * @customer_id: the customer to show, 0 for none
 */
void
rapport_customer_page_set_customer_id (RapportCustomerPage *self,
                                       gint64               customer_id)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_PAGE (self));
  g_return_if_fail (customer_id >= 0);

  if (self->customer_id == customer_id)
    return;

  self->customer_id = customer_id;
  reload_all (self);

  /* A customer that cannot be shown (trashed, missing) leaves the page empty. */
  if (self->customer == NULL)
    self->customer_id = 0;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

/**
 * rapport_customer_page_get_title:
 * @self: a #RapportCustomerPage
 *
 * Returns: the shown customer's name, "" when none
 */
const char *
rapport_customer_page_get_title (RapportCustomerPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_PAGE (self), NULL);

  return self->title;
}

gboolean
rapport_customer_page_get_show_back_button (RapportCustomerPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_CUSTOMER_PAGE (self), FALSE);

  return self->show_back_button;
}

/**
 * rapport_customer_page_set_show_back_button:
 * @self: a #RapportCustomerPage
 * @show_back_button: whether the header bar has a back button (narrow window)
 */
void
rapport_customer_page_set_show_back_button (RapportCustomerPage *self,
                                            gboolean             show_back_button)
{
  g_return_if_fail (RAPPORT_IS_CUSTOMER_PAGE (self));

  show_back_button = !!show_back_button;
  if (self->show_back_button == show_back_button)
    return;

  self->show_back_button = show_back_button;
  gtk_widget_set_visible (self->back_button, show_back_button);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_BACK_BUTTON]);
}
