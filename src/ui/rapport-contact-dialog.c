/* rapport-contact-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-contact-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-customer-form.h"
#include "rapport-duplicate-group.h"
#include "rapport-field-list.h"
#include "rapport-form-helpers.h"
#include "rapport-phone.h"
#include "rapport-store.h"

#include "rapport-contact-dialog.h"

struct _RapportContactDialog
{
  AdwWindow              parent_instance;

  /* Template widgets */
  AdwWindowTitle        *window_title;
  GtkWidget             *save_button;
  GtkRevealer           *banner_revealer;
  GtkLabel              *banner_label;
  GtkScrolledWindow     *scrolled_window;
  GtkBox                *form_box;

  /* Built in init */
  RapportDuplicateGroup *duplicates;
  GtkWidget             *name_row;
  GtkWidget             *name_error;
  GtkWidget             *title_row;
  GtkWidget             *primary_switch;
  RapportFieldList      *phones;
  RapportFieldList      *emails;
  GtkWidget             *birthday_row;
  GtkWidget             *birthday_error;
  GtkWidget             *lunar_switch;
  GtkTextView           *notes_view;

  /* Owned */
  RapportSession        *session;
  RapportDatabase       *db;           /* the session's */
  RapportContact        *contact;      /* NULL for a new contact */
  gint64                 customer_id;
  char                  *country_code;

  gboolean               name_touched;
  gboolean               duplicates_acknowledged;
  gboolean               reveal_errors;
};

G_DEFINE_FINAL_TYPE (RapportContactDialog, rapport_contact_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  OPEN_EXISTING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
add_entry_row (GtkWidget  *group,
               const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return row;
}

static GtkWidget *
add_switch_row (GtkWidget  *group,
                const char *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return toggle;
}

static void
set_entry_text (GtkWidget  *row,
                const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
show_banner (RapportContactDialog *self,
             const char           *message)
{
  gtk_label_set_text (self->banner_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->banner_revealer, message != NULL);
}

static RapportContactFormState
compute_state (RapportContactDialog *self)
{
  g_auto (GStrv) phones = rapport_field_list_get_values (self->phones);
  g_auto (GStrv) emails = rapport_field_list_get_values (self->emails);
  RapportContactFormValues values = {
    .name = gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
    .phones = (const char * const *) phones,
    .emails = (const char * const *) emails,
    .birthday = gtk_editable_get_text (GTK_EDITABLE (self->birthday_row)),
    .default_country_code = self->country_code,
  };

  return rapport_contact_form_state_from_values (&values);
}

static void
update_state (RapportContactDialog *self)
{
  g_auto (RapportContactFormState) state = compute_state (self);

  rapport_error_row_set (self->name_error, self->name_row,
                         self->name_touched ? state.name_error : NULL);
  rapport_field_list_set_errors (self->phones, state.phone_errors);
  rapport_field_list_set_errors (self->emails, state.email_errors);
  rapport_error_row_set (self->birthday_error, self->birthday_row,
                         self->reveal_errors || rapport_field_get_left (self->birthday_row) ? state.birthday_error : NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save", state.save_enabled);
}

static void
set_duplicates_shown (RapportContactDialog *self,
                      gboolean              shown)
{
  self->duplicates_acknowledged = shown;
  gtk_button_set_label (GTK_BUTTON (self->save_button), shown ? _("Save _Anyway") : _("_Save"));
  if (shown)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0.0);
}

static gboolean
check_duplicates (RapportContactDialog *self)
{
  g_auto (RapportContactFormState) state = compute_state (self);
  g_autofree char *name = rapport_editable_dup_trimmed (GTK_EDITABLE (self->name_row));
  g_autoptr (GListModel) matches = NULL;
  g_autoptr (GError) error = NULL;
  gboolean found;

  if (name == NULL && g_strv_length (state.phones) == 0 && g_strv_length (state.emails) == 0)
    {
      rapport_duplicate_group_set_matches (self->duplicates, NULL);
      set_duplicates_shown (self, FALSE);
      return FALSE;
    }

  /* The contact's own customer is left out: a person's number is often the
   * number of the customer itself. */
  matches = rapport_store_find_duplicates (self->db, name,
                                           (const char * const *) state.phones,
                                           (const char * const *) state.emails,
                                           self->customer_id,
                                           self->contact != NULL ? rapport_contact_get_id (self->contact) : 0,
                                           &error);
  if (matches == NULL)
    {
      g_warning ("Could not look for duplicates: %s", error->message);
      return FALSE;
    }

  rapport_duplicate_group_set_matches (self->duplicates, matches);
  found = g_list_model_get_n_items (matches) > 0;
  set_duplicates_shown (self, found);

  return found;
}

/* Callbacks */

static void
row_left_cb (RapportContactDialog *self)
{
  /* Focus also leaves when the dialog closes. */
  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->save_button == NULL)
    return;

  update_state (self);
}

static void
name_changed_cb (RapportContactDialog *self)
{
  self->name_touched = TRUE;
  update_state (self);
}

static void
field_changed_cb (RapportContactDialog *self)
{
  show_banner (self, NULL);
  update_state (self);
}

static void
identity_focus_left_cb (RapportContactDialog *self)
{
  /* Focus also leaves when the dialog closes. */
  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->save_button == NULL)
    return;

  update_state (self);
  check_duplicates (self);
}

static void
duplicate_open_cb (RapportContactDialog *self,
                   gint64                customer_id)
{
  g_signal_emit (self, signals[OPEN_EXISTING], 0, customer_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RapportContactDialog *self = RAPPORT_CONTACT_DIALOG (widget);
  g_auto (RapportContactFormState) state = { 0 };
  g_autoptr (RapportContact) contact = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *birthday = NULL;
  g_autofree char *notes = NULL;
  gboolean primary;
  gboolean ok;

  self->name_touched = TRUE;
  self->reveal_errors = TRUE;
  rapport_field_list_reveal_errors (self->phones);
  rapport_field_list_reveal_errors (self->emails);
  update_state (self);
  state = compute_state (self);
  if (!state.valid)
    return;

  if (self->contact == NULL && !self->duplicates_acknowledged && check_duplicates (self))
    return;

  name = rapport_editable_dup_trimmed (GTK_EDITABLE (self->name_row));
  title = rapport_editable_dup_trimmed (GTK_EDITABLE (self->title_row));
  birthday = rapport_editable_dup_trimmed (GTK_EDITABLE (self->birthday_row));
  notes = rapport_text_view_get_text (self->notes_view);
  primary = gtk_switch_get_active (GTK_SWITCH (self->primary_switch));

  contact = self->contact != NULL ? rapport_contact_copy (self->contact) : rapport_contact_new ();
  rapport_contact_set_customer_id (contact, self->customer_id);
  rapport_contact_set_name (contact, name);
  rapport_contact_set_title (contact, title);
  rapport_contact_set_phones (contact, (const char * const *) state.phones);
  rapport_contact_set_emails (contact, (const char * const *) state.emails);
  rapport_contact_set_birthday (contact, birthday);
  rapport_contact_set_birthday_lunar (contact, birthday != NULL && gtk_switch_get_active (GTK_SWITCH (self->lunar_switch)));
  rapport_contact_set_is_primary (contact, primary);
  rapport_contact_set_notes (contact, g_strstrip (notes)[0] != '\0' ? notes : NULL);

  /* One transaction: the store also takes the primary flag from the others. */
  if (self->contact != NULL)
    ok = rapport_store_update_contact (self->db, contact, &error);
  else
    ok = rapport_store_insert_contact (self->db, contact, &error);

  if (!ok)
    {
      show_banner (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, rapport_contact_get_id (contact));
  gtk_window_destroy (GTK_WINDOW (self));
}

/* GObject */

static void
rapport_contact_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RAPPORT_TYPE_CONTACT_DIALOG);

  G_OBJECT_CLASS (rapport_contact_dialog_parent_class)->dispose (object);
}

static void
rapport_contact_dialog_finalize (GObject *object)
{
  RapportContactDialog *self = RAPPORT_CONTACT_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_object (&self->contact);
  g_free (self->country_code);

  G_OBJECT_CLASS (rapport_contact_dialog_parent_class)->finalize (object);
}

static void
rapport_contact_dialog_class_init (RapportContactDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_contact_dialog_dispose;
  object_class->finalize = rapport_contact_dialog_finalize;

  /**
   * RapportContactDialog::saved:
   * @contact_id: the saved contact
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * RapportContactDialog::open-existing:
   * @customer_id: the customer of the matching record the user chose to open
   */
  signals[OPEN_EXISTING] = g_signal_new ("open-existing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-contact-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportContactDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RapportContactDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, RapportContactDialog, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportContactDialog, banner_label);
  gtk_widget_class_bind_template_child (widget_class, RapportContactDialog, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, RapportContactDialog, form_box);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "dialog.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "dialog.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_contact_dialog_init (RapportContactDialog *self)
{
  GtkWidget *group;
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);

  self->duplicates = RAPPORT_DUPLICATE_GROUP (rapport_duplicate_group_new ());
  g_signal_connect_swapped (self->duplicates, "open", G_CALLBACK (duplicate_open_cb), self);
  gtk_box_append (self->form_box, GTK_WIDGET (self->duplicates));

  group = adw_preferences_group_new ();
  gtk_box_append (self->form_box, group);
  self->name_row = add_entry_row (group, _("_Name"));
  self->name_error = rapport_error_row_new ();
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->name_error);
  self->title_row = add_entry_row (group, _("_Title"));
  self->primary_switch = add_switch_row (group, _("_Primary Contact"));

  self->phones = RAPPORT_FIELD_LIST (rapport_field_list_new (_("Phones"), _("Phone"), GTK_INPUT_PURPOSE_PHONE));
  gtk_box_append (self->form_box, GTK_WIDGET (self->phones));
  self->emails = RAPPORT_FIELD_LIST (rapport_field_list_new (_("E-mails"), _("E-mail"), GTK_INPUT_PURPOSE_EMAIL));
  gtk_box_append (self->form_box, GTK_WIDGET (self->emails));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Birthday"));
  gtk_box_append (self->form_box, group);
  self->birthday_row = add_entry_row (group, _("_Birthday (YYYY-MM-DD)"));
  self->birthday_error = rapport_error_row_new ();
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->birthday_error);
  self->lunar_switch = add_switch_row (group, _("_Lunar Calendar Birthday"));

  gtk_box_append (self->form_box, rapport_text_view_group_new (_("Notes"), &self->notes_view));

  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (name_changed_cb), self);
  g_signal_connect_swapped (self->birthday_row, "changed", G_CALLBACK (field_changed_cb), self);
  rapport_field_watch_leave (self->birthday_row, G_CALLBACK (row_left_cb), self);
  g_signal_connect_swapped (self->phones, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->emails, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->phones, "focus-left", G_CALLBACK (identity_focus_left_cb), self);
  g_signal_connect_swapped (self->emails, "focus-left", G_CALLBACK (identity_focus_left_cb), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (identity_focus_left_cb), self);
  gtk_widget_add_controller (self->name_row, focus);
}

/* Public API */

/**
 * rapport_contact_dialog_new:
 * @parent: (nullable): the window to be modal for
 * @session: an open session
 * @customer_id: the contact's customer
 * @contact_or_null: (nullable): the contact to edit, %NULL for a new one
 *
 * Returns: (transfer none): a new dialog, not yet presented
 */
GtkWidget *
rapport_contact_dialog_new (GtkWindow       *parent,
                            RapportSession  *session,
                            gint64           customer_id,
                            RapportContact  *contact_or_null)
{
  RapportContactDialog *self;
  const char *title;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);
  g_return_val_if_fail (rapport_session_get_database (session) != NULL, NULL);
  g_return_val_if_fail (customer_id > 0, NULL);
  g_return_val_if_fail (contact_or_null == NULL || RAPPORT_IS_CONTACT (contact_or_null), NULL);

  self = g_object_new (RAPPORT_TYPE_CONTACT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  self->db = rapport_session_get_database (session);
  self->customer_id = customer_id;
  self->country_code = g_strdup (rapport_session_get_default_country_code (session));

  if (contact_or_null != NULL)
    {
      RapportContact *c;
      const char * const *phones;
      g_autoptr (GStrvBuilder) formatted = g_strv_builder_new ();
      g_auto (GStrv) phone_texts = NULL;

      self->contact = rapport_contact_copy (contact_or_null);
      c = self->contact;
      phones = rapport_contact_get_phones (c);
      for (guint i = 0; phones != NULL && phones[i] != NULL; i++)
        {
          g_autofree char *text = rapport_phone_format (phones[i], self->country_code);
          g_strv_builder_add (formatted, text);
        }
      phone_texts = g_strv_builder_end (formatted);

      set_entry_text (self->name_row, rapport_contact_get_name (c));
      set_entry_text (self->title_row, rapport_contact_get_title (c));
      gtk_switch_set_active (GTK_SWITCH (self->primary_switch), rapport_contact_get_is_primary (c));
      rapport_field_list_set_values (self->phones, (const char * const *) phone_texts);
      rapport_field_list_set_values (self->emails, rapport_contact_get_emails (c));
      set_entry_text (self->birthday_row, rapport_contact_get_birthday (c));
      gtk_switch_set_active (GTK_SWITCH (self->lunar_switch), rapport_contact_get_birthday_lunar (c));
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                                rapport_contact_get_notes (c) != NULL ? rapport_contact_get_notes (c) : "", -1);
      title = _("Edit Contact");
    }
  else
    {
      g_autoptr (GListModel) existing = rapport_store_list_contacts (self->db, customer_id, NULL);

      /* A customer's first contact is its primary one. */
      gtk_switch_set_active (GTK_SWITCH (self->primary_switch),
                             existing == NULL || g_list_model_get_n_items (existing) == 0);
      title = _("New Contact");
    }

  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);

  self->name_touched = contact_or_null != NULL;
  update_state (self);
  gtk_window_set_focus (GTK_WINDOW (self), self->name_row);

  return GTK_WIDGET (self);
}
