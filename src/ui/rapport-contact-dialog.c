/* rapport-contact-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-contact-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-customer-form.h"
#include "rapport-duplicate-group.h"
#include "rapport-editor-dialog.h"
#include "rapport-field-list.h"
#include "rapport-form-helpers.h"
#include "rapport-phone.h"
#include "rapport-store.h"

#include "rapport-contact-dialog.h"

struct _RapportContactDialog
{
  RapportEditorDialog    parent_instance;

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
  GtkWidget             *do_not_contact_switch;
  GtkWidget             *do_not_contact_reason_row;
  GtkTextView           *notes_view;

  /* Borrowed: the session's main connection */
  RapportDatabase       *db;

  /* Owned */
  RapportContact        *contact;      /* NULL for a new contact */
  gint64                 customer_id;
  char                  *country_code;

  gboolean               name_touched;
  gboolean               duplicates_acknowledged;
  gboolean               reveal_errors;
};

G_DEFINE_FINAL_TYPE (RapportContactDialog, rapport_contact_dialog, RAPPORT_TYPE_EDITOR_DIALOG)

enum {
  OPEN_EXISTING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_entry_text (GtkWidget  *row,
                const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
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
rapport_contact_dialog_update_state (RapportEditorDialog *dialog)
{
  RapportContactDialog *self = RAPPORT_CONTACT_DIALOG (dialog);
  g_auto (RapportContactFormState) state = compute_state (self);

  rapport_error_row_set (self->name_error, self->name_row,
                         self->name_touched ? state.name_error : NULL);
  rapport_field_list_set_errors (self->phones, state.phone_errors);
  rapport_field_list_set_errors (self->emails, state.email_errors);
  rapport_error_row_set (self->birthday_error, self->birthday_row,
                         self->reveal_errors || rapport_field_get_left (self->birthday_row) ? state.birthday_error : NULL);

  rapport_editor_dialog_set_save_enabled (dialog, state.save_enabled);
}

static void
set_duplicates_shown (RapportContactDialog *self,
                      gboolean              shown)
{
  self->duplicates_acknowledged = shown;
  rapport_editor_dialog_set_save_label (RAPPORT_EDITOR_DIALOG (self), shown ? _("Save _Anyway") : _("_Save"));
  if (shown)
    rapport_editor_dialog_scroll_to_top (RAPPORT_EDITOR_DIALOG (self));
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
name_changed_cb (RapportContactDialog *self)
{
  self->name_touched = TRUE;
  rapport_editor_dialog_field_changed (RAPPORT_EDITOR_DIALOG (self));
}

static void
identity_focus_left_cb (RapportContactDialog *self)
{
  /* Focus also leaves when the dialog closes. */
  if (rapport_editor_dialog_is_closing (RAPPORT_EDITOR_DIALOG (self)))
    return;

  rapport_editor_dialog_update_state (RAPPORT_EDITOR_DIALOG (self));
  check_duplicates (self);
}

static void
duplicate_open_cb (RapportContactDialog *self,
                   gint64                customer_id)
{
  g_signal_emit (self, signals[OPEN_EXISTING], 0, customer_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* RapportEditorDialog */

static gboolean
rapport_contact_dialog_save (RapportEditorDialog *dialog,
                             gint64              *out_id)
{
  RapportContactDialog *self = RAPPORT_CONTACT_DIALOG (dialog);
  g_auto (RapportContactFormState) state = { 0 };
  g_autoptr (RapportContact) contact = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *birthday = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *reason = NULL;
  gboolean do_not_contact;
  gboolean primary;
  gboolean ok;

  self->name_touched = TRUE;
  self->reveal_errors = TRUE;
  rapport_field_list_reveal_errors (self->phones);
  rapport_field_list_reveal_errors (self->emails);
  rapport_editor_dialog_update_state (dialog);
  state = compute_state (self);
  if (!state.valid)
    return FALSE;

  if (self->contact == NULL && !self->duplicates_acknowledged && check_duplicates (self))
    return FALSE;

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
  rapport_do_not_contact_rows_apply (self->do_not_contact_switch, self->do_not_contact_reason_row,
                                     &do_not_contact, &reason);
  rapport_contact_set_do_not_contact (contact, do_not_contact);
  rapport_contact_set_do_not_contact_reason (contact, reason);
  rapport_contact_set_notes (contact, g_strstrip (notes)[0] != '\0' ? notes : NULL);

  /* One transaction: the store also takes the primary flag from the others. */
  if (self->contact != NULL)
    ok = rapport_store_update_contact (self->db, contact, &error);
  else
    ok = rapport_store_insert_contact (self->db, contact, &error);

  if (!ok)
    {
      rapport_editor_dialog_show_banner (dialog, error->message);
      return FALSE;
    }

  *out_id = rapport_contact_get_id (contact);
  return TRUE;
}

/* GObject */

static void
rapport_contact_dialog_finalize (GObject *object)
{
  RapportContactDialog *self = RAPPORT_CONTACT_DIALOG (object);

  g_clear_object (&self->contact);
  g_free (self->country_code);

  G_OBJECT_CLASS (rapport_contact_dialog_parent_class)->finalize (object);
}

static void
rapport_contact_dialog_class_init (RapportContactDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RapportEditorDialogClass *dialog_class = RAPPORT_EDITOR_DIALOG_CLASS (klass);

  object_class->finalize = rapport_contact_dialog_finalize;

  dialog_class->update_state = rapport_contact_dialog_update_state;
  dialog_class->save = rapport_contact_dialog_save;

  /**
   * RapportContactDialog::open-existing:
   * @customer_id: the customer of the matching record the user chose to open
   */
  signals[OPEN_EXISTING] = g_signal_new ("open-existing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
rapport_contact_dialog_init (RapportContactDialog *self)
{
  RapportEditorDialog *dialog = RAPPORT_EDITOR_DIALOG (self);
  GtkWidget *group;
  GtkEventController *focus;

  gtk_window_set_default_size (GTK_WINDOW (self), 560, 620);

  self->duplicates = RAPPORT_DUPLICATE_GROUP (rapport_duplicate_group_new ());
  g_signal_connect_swapped (self->duplicates, "open", G_CALLBACK (duplicate_open_cb), self);
  rapport_editor_dialog_append (dialog, GTK_WIDGET (self->duplicates));

  group = rapport_editor_dialog_add_group (dialog, NULL);
  self->name_row = rapport_editor_dialog_add_entry_row (dialog, group, _("_Name"));
  self->name_error = rapport_editor_dialog_add_error_row (dialog, group);
  self->title_row = rapport_editor_dialog_add_entry_row (dialog, group, _("_Title"));
  self->primary_switch = rapport_editor_dialog_add_switch_row (dialog, group, _("_Primary Contact"));

  self->phones = RAPPORT_FIELD_LIST (rapport_field_list_new (_("Phones"), _("Phone"), GTK_INPUT_PURPOSE_PHONE));
  rapport_editor_dialog_append (dialog, GTK_WIDGET (self->phones));
  self->emails = RAPPORT_FIELD_LIST (rapport_field_list_new (_("E-mails"), _("E-mail"), GTK_INPUT_PURPOSE_EMAIL));
  rapport_editor_dialog_append (dialog, GTK_WIDGET (self->emails));

  group = rapport_editor_dialog_add_group (dialog, _("Birthday"));
  self->birthday_row = rapport_editor_dialog_add_date_row (dialog, group, _("_Birthday (YYYY-MM-DD)"));
  self->birthday_error = rapport_editor_dialog_add_error_row (dialog, group);
  self->lunar_switch = rapport_editor_dialog_add_switch_row (dialog, group, _("_Lunar Calendar Birthday"));

  group = rapport_editor_dialog_add_group (dialog, _("Messages"));
  rapport_editor_dialog_add_do_not_contact_rows (dialog, group, &self->do_not_contact_switch,
                                                 &self->do_not_contact_reason_row);

  rapport_editor_dialog_append (dialog, rapport_text_view_group_new (_("Notes"), &self->notes_view));

  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (name_changed_cb), self);
  g_signal_connect_swapped (self->birthday_row, "changed", G_CALLBACK (rapport_editor_dialog_field_changed), self);
  rapport_editor_dialog_watch_leave (dialog, self->birthday_row);
  g_signal_connect_swapped (self->phones, "changed", G_CALLBACK (rapport_editor_dialog_field_changed), self);
  g_signal_connect_swapped (self->emails, "changed", G_CALLBACK (rapport_editor_dialog_field_changed), self);
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
                       "session", session,
                       NULL);
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
      rapport_do_not_contact_rows_load (self->do_not_contact_switch, self->do_not_contact_reason_row,
                                        rapport_contact_get_do_not_contact (c),
                                        rapport_contact_get_do_not_contact_reason (c));
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

  rapport_editor_dialog_set_title (RAPPORT_EDITOR_DIALOG (self), title);

  self->name_touched = contact_or_null != NULL;
  rapport_editor_dialog_update_state (RAPPORT_EDITOR_DIALOG (self));
  gtk_window_set_focus (GTK_WINDOW (self), self->name_row);

  return GTK_WIDGET (self);
}
