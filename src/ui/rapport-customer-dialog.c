/* rapport-customer-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-customer-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-customer-form.h"
#include "rapport-duplicate-group.h"
#include "rapport-editor-dialog.h"
#include "rapport-field-list.h"
#include "rapport-form-helpers.h"
#include "rapport-phone.h"
#include "rapport-staff-row.h"
#include "rapport-store.h"

#include "rapport-customer-dialog.h"

struct _RapportCustomerDialog
{
  RapportEditorDialog    parent_instance;

  /* Built in init */
  RapportDuplicateGroup *duplicates;
  GtkWidget             *name_row;
  GtkWidget             *name_error;
  GtkWidget             *code_row;
  GtkWidget             *code_error;
  GtkWidget             *kind_row;
  GtkWidget             *stage_row;
  GtkWidget             *tier_row;
  GtkWidget             *potential_row;
  GtkWidget             *owner_row;
  RapportFieldList      *phones;
  RapportFieldList      *emails;
  GtkWidget             *website_row;
  GtkWidget             *website_error;
  GtkWidget             *industry_row;
  GtkWidget             *region_row;
  GtkWidget             *source_row;
  GtkWidget             *address_row;
  GtkWidget             *birthday_row;
  GtkWidget             *birthday_error;
  GtkWidget             *lunar_switch;
  GtkWidget             *tags_row;
  GtkWidget             *do_not_contact_switch;
  GtkWidget             *do_not_contact_reason_row;
  GtkTextView           *notes_view;

  /* Borrowed: the session's main connection */
  RapportDatabase       *db;

  /* Owned */
  RapportCustomer       *customer;     /* NULL for a new customer */
  RapportCustomerTiers  *tiers;        /* the customer's, as loaded; NULL for a new one */
  char                  *country_code;

  gboolean               code_edited;
  gboolean               setting_code;
  gboolean               name_touched;
  gboolean               duplicates_acknowledged;
  gboolean               reveal_errors;
};

G_DEFINE_FINAL_TYPE (RapportCustomerDialog, rapport_customer_dialog, RAPPORT_TYPE_EDITOR_DIALOG)

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

/* The name of the customer already using @code, "" when that one cannot be
 * named, NULL when the code is free. */
static char *
find_code_owner (RapportCustomerDialog *self,
                 const char            *code)
{
  gint64 except_id = self->customer != NULL ? rapport_customer_get_id (self->customer) : 0;
  g_autoptr (GArray) ids = NULL;

  if (code == NULL || !rapport_store_customer_code_in_use (self->db, code, except_id))
    return NULL;

  ids = rapport_store_search_customers (self->db, code, 10, NULL);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr (RapportCustomer) other = NULL;

      if (id == except_id)
        continue;

      other = rapport_store_get_customer (self->db, id, NULL);
      if (other != NULL && g_ascii_strcasecmp (rapport_customer_get_code (other), code) == 0)
        return g_strdup (rapport_customer_get_name (other));
    }

  return g_strdup ("");
}

static RapportCustomerFormState
compute_state (RapportCustomerDialog *self)
{
  g_autofree char *code = rapport_editable_dup_trimmed (GTK_EDITABLE (self->code_row));
  g_autofree char *code_taken_by = find_code_owner (self, code);
  g_auto (GStrv) phones = rapport_field_list_get_values (self->phones);
  g_auto (GStrv) emails = rapport_field_list_get_values (self->emails);
  RapportCustomerFormValues values = {
    .name = gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
    .code = code,
    .code_taken_by = code_taken_by,
    .phones = (const char * const *) phones,
    .emails = (const char * const *) emails,
    .website = gtk_editable_get_text (GTK_EDITABLE (self->website_row)),
    .birthday = gtk_editable_get_text (GTK_EDITABLE (self->birthday_row)),
    .default_country_code = self->country_code,
  };

  return rapport_customer_form_state_from_values (&values);
}

static void
rapport_customer_dialog_update_state (RapportEditorDialog *dialog)
{
  RapportCustomerDialog *self = RAPPORT_CUSTOMER_DIALOG (dialog);
  g_auto (RapportCustomerFormState) state = compute_state (self);

  rapport_error_row_set (self->name_error, self->name_row,
                         self->name_touched ? state.name_error : NULL);
  rapport_error_row_set (self->code_error, self->code_row, state.code_error);
  rapport_field_list_set_errors (self->phones, state.phone_errors);
  rapport_field_list_set_errors (self->emails, state.email_errors);
  rapport_error_row_set (self->website_error, self->website_row,
                         self->reveal_errors || rapport_field_get_left (self->website_row) ? state.website_error : NULL);
  rapport_error_row_set (self->birthday_error, self->birthday_row,
                         self->reveal_errors || rapport_field_get_left (self->birthday_row) ? state.birthday_error : NULL);

  rapport_editor_dialog_set_save_enabled (dialog, state.save_enabled);
}

static void
set_duplicates_shown (RapportCustomerDialog *self,
                      gboolean               shown)
{
  self->duplicates_acknowledged = shown;
  rapport_editor_dialog_set_save_label (RAPPORT_EDITOR_DIALOG (self), shown ? _("Save _Anyway") : _("_Save"));
  if (shown)
    rapport_editor_dialog_scroll_to_top (RAPPORT_EDITOR_DIALOG (self));
}

/* Looks for customers and contacts with the same name, phone or e-mail and
 * shows them; returns TRUE when there are any. */
static gboolean
check_duplicates (RapportCustomerDialog *self)
{
  g_auto (RapportCustomerFormState) state = compute_state (self);
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

  matches = rapport_store_find_duplicates (self->db, name,
                                           (const char * const *) state.phones,
                                           (const char * const *) state.emails,
                                           self->customer != NULL ? rapport_customer_get_id (self->customer) : 0,
                                           0, &error);
  if (matches == NULL)
    {
      /* Not being able to look is no reason to block saving. */
      g_warning ("Could not look for duplicates: %s", error->message);
      return FALSE;
    }

  rapport_duplicate_group_set_matches (self->duplicates, matches);
  found = g_list_model_get_n_items (matches) > 0;
  set_duplicates_shown (self, found);

  return found;
}

static void
fill_customer (RapportCustomerDialog    *self,
               RapportCustomer          *customer,
               RapportCustomerFormState *state)
{
  g_autofree char *name = rapport_editable_dup_trimmed (GTK_EDITABLE (self->name_row));
  g_autofree char *code = rapport_editable_dup_trimmed (GTK_EDITABLE (self->code_row));
  g_autofree char *industry = rapport_editable_dup_trimmed (GTK_EDITABLE (self->industry_row));
  g_autofree char *region = rapport_editable_dup_trimmed (GTK_EDITABLE (self->region_row));
  g_autofree char *source = rapport_editable_dup_trimmed (GTK_EDITABLE (self->source_row));
  g_autofree char *address = rapport_editable_dup_trimmed (GTK_EDITABLE (self->address_row));
  g_autofree char *birthday = rapport_editable_dup_trimmed (GTK_EDITABLE (self->birthday_row));
  g_autofree char *notes = rapport_text_view_get_text (self->notes_view);
  g_auto (GStrv) tags = rapport_form_split_tags (gtk_editable_get_text (GTK_EDITABLE (self->tags_row)));
  g_autofree char *reason = NULL;
  gboolean do_not_contact;

  rapport_customer_set_name (customer, name);
  rapport_customer_set_code (customer, code);
  rapport_customer_set_kind (customer, adw_combo_row_get_selected (ADW_COMBO_ROW (self->kind_row)));
  rapport_customer_set_stage (customer, adw_combo_row_get_selected (ADW_COMBO_ROW (self->stage_row)));
  /* The tier and potential in force are saved as they are: a choice by hand
   * goes through the tier store after (save_tiers). */
  if (self->customer == NULL)
    {
      g_autoptr (RapportCustomer) defaults = rapport_customer_new ();

      rapport_customer_set_tier (customer, rapport_customer_get_tier (defaults));
      rapport_customer_set_potential (customer, rapport_customer_get_potential (defaults));
    }
  else
    {
      g_autoptr (RapportCustomerTiers) fresh = rapport_store_get_customer_tiers (self->db, rapport_customer_get_id (customer),
                                                                                  NULL);
      if (fresh != NULL)
        {
          rapport_customer_set_tier (customer, fresh->tier);
          rapport_customer_set_potential (customer, fresh->potential);
        }
    }
  rapport_customer_set_owner_id (customer, rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (self->owner_row)));
  rapport_customer_set_phones (customer, (const char * const *) state->phones);
  rapport_customer_set_emails (customer, (const char * const *) state->emails);
  rapport_customer_set_website (customer, state->website);
  rapport_customer_set_industry (customer, industry);
  rapport_customer_set_region (customer, region);
  rapport_customer_set_source (customer, source);
  rapport_customer_set_address (customer, address);
  rapport_customer_set_birthday (customer, birthday);
  rapport_customer_set_birthday_lunar (customer, birthday != NULL && gtk_switch_get_active (GTK_SWITCH (self->lunar_switch)));
  rapport_customer_set_tags (customer, (const char * const *) tags);
  rapport_do_not_contact_rows_apply (self->do_not_contact_switch, self->do_not_contact_reason_row,
                                     &do_not_contact, &reason);
  rapport_customer_set_do_not_contact (customer, do_not_contact);
  rapport_customer_set_do_not_contact_reason (customer, reason);
  rapport_customer_set_notes (customer, g_strstrip (notes)[0] != '\0' ? notes : NULL);
}

/* Callbacks */

static void
name_changed_cb (RapportCustomerDialog *self)
{
  self->name_touched = TRUE;

  if (!self->code_edited)
    {
      g_autofree char *name = rapport_editable_dup_trimmed (GTK_EDITABLE (self->name_row));
      g_autofree char *code = name != NULL ? rapport_store_propose_customer_code (self->db, name) : NULL;

      self->setting_code = TRUE;
      set_entry_text (self->code_row, code);
      self->setting_code = FALSE;
    }

  rapport_editor_dialog_field_changed (RAPPORT_EDITOR_DIALOG (self));
}

static void
code_changed_cb (RapportCustomerDialog *self)
{
  if (!self->setting_code)
    self->code_edited = TRUE;

  rapport_editor_dialog_field_changed (RAPPORT_EDITOR_DIALOG (self));
}

static void
identity_focus_left_cb (RapportCustomerDialog *self)
{
  /* Focus also leaves when the dialog closes. */
  if (rapport_editor_dialog_is_closing (RAPPORT_EDITOR_DIALOG (self)))
    return;

  rapport_editor_dialog_update_state (RAPPORT_EDITOR_DIALOG (self));
  check_duplicates (self);
}

static void
duplicate_open_cb (RapportCustomerDialog *self,
                   gint64                 customer_id)
{
  g_signal_emit (self, signals[OPEN_EXISTING], 0, customer_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The tier and potential rows: the first item is "Automatic" / "Suggested",
 * then the tiers / potentials in their enum's order. */
static gboolean
save_tiers (RapportCustomerDialog  *self,
            gint64                  id,
            GError                **error)
{
  guint tier_item = adw_combo_row_get_selected (ADW_COMBO_ROW (self->tier_row));
  guint potential_item = adw_combo_row_get_selected (ADW_COMBO_ROW (self->potential_row));
  gboolean had_manual = self->tiers != NULL && self->tiers->has_manual;
  gboolean had_manual_potential = self->tiers != NULL && self->tiers->potential_is_manual;

  if (tier_item == 0 && had_manual && !rapport_store_clear_manual_tier (self->db, id, error))
    return FALSE;
  if (tier_item > 0 && tier_item != GTK_INVALID_LIST_POSITION &&
      (!had_manual || self->tiers->manual != (RapportTier) (tier_item - 1)) &&
      !rapport_store_set_manual_tier (self->db, id, tier_item - 1, error))
    return FALSE;

  if (potential_item == 0 && had_manual_potential && !rapport_store_clear_manual_potential (self->db, id, error))
    return FALSE;
  if (potential_item > 0 && potential_item != GTK_INVALID_LIST_POSITION &&
      (!had_manual_potential || self->tiers->potential != (RapportPotential) (potential_item - 1)) &&
      !rapport_store_set_manual_potential (self->db, id, potential_item - 1, error))
    return FALSE;

  return TRUE;
}

/* "Automatic (computed: Iron)" and "Suggested (High)" as the rows' first items. */
static void
set_tier_choices (RapportCustomerDialog *self)
{
  g_autoptr (GtkStringList) tiers = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) potentials = gtk_string_list_new (NULL);
  g_autofree char *automatic = NULL;
  g_autofree char *suggested = NULL;

  if (self->tiers != NULL && self->tiers->has_computed)
    {
      /* Translators: the customer editor's tier choice for the computed tier, e.g. "Automatic (computed: Iron)" */
      automatic = g_strdup_printf (_("Automatic (computed: %s)"), rapport_tier_get_label (self->tiers->computed));
      /* Translators: the customer editor's potential choice for the suggested one, e.g. "Suggested (High)" */
      suggested = g_strdup_printf (_("Suggested (%s)"), rapport_potential_get_label (self->tiers->suggested_potential));
    }
  else
    {
      automatic = g_strdup (_("Automatic (not computed yet)"));
      suggested = g_strdup (_("Suggested (not yet)"));
    }

  gtk_string_list_append (tiers, automatic);
  for (RapportTier tier = RAPPORT_TIER_PLATINUM; tier <= RAPPORT_TIER_LEAD; tier++)
    gtk_string_list_append (tiers, rapport_tier_get_label (tier));
  gtk_string_list_append (potentials, suggested);
  for (RapportPotential potential = RAPPORT_POTENTIAL_LOW; potential <= RAPPORT_POTENTIAL_HIGH; potential++)
    gtk_string_list_append (potentials, rapport_potential_get_label (potential));

  if (self->tiers != NULL && self->tiers->has_manual)
    {
      g_autofree char *computed = NULL;

      if (self->tiers->has_computed)
        /* Translators: under the customer editor's tier, e.g. "Set by hand · computed: Iron" */
        computed = g_strdup_printf (_("Set by hand · computed: %s"), rapport_tier_get_label (self->tiers->computed));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->tier_row),
                                   computed != NULL ? computed : _("Set by hand · not computed yet"));
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (self->tier_row), G_LIST_MODEL (tiers));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->potential_row), G_LIST_MODEL (potentials));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->tier_row),
                              self->tiers != NULL && self->tiers->has_manual ? self->tiers->manual + 1 : 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->potential_row),
                              self->tiers != NULL && self->tiers->potential_is_manual ? self->tiers->potential + 1 : 0);
}

/* RapportEditorDialog */

static gboolean
rapport_customer_dialog_save (RapportEditorDialog *dialog,
                              gint64              *out_id)
{
  RapportCustomerDialog *self = RAPPORT_CUSTOMER_DIALOG (dialog);
  g_auto (RapportCustomerFormState) state = { 0 };
  g_autoptr (RapportCustomer) customer = NULL;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  self->name_touched = TRUE;
  self->reveal_errors = TRUE;
  rapport_field_list_reveal_errors (self->phones);
  rapport_field_list_reveal_errors (self->emails);
  rapport_editor_dialog_update_state (dialog);
  state = compute_state (self);
  if (!state.valid)
    return FALSE;

  if (self->customer == NULL && !self->duplicates_acknowledged && check_duplicates (self))
    return FALSE;

  customer = self->customer != NULL ? rapport_customer_copy (self->customer) : rapport_customer_new ();
  fill_customer (self, customer, &state);

  if (self->customer != NULL)
    ok = rapport_store_update_customer (self->db, customer, &error);
  else
    ok = rapport_store_insert_customer (self->db, customer, &error);

  if (!ok)
    {
      if (g_error_matches (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_DUPLICATE_CODE))
        rapport_error_row_set (self->code_error, self->code_row, error->message);
      rapport_editor_dialog_show_banner (dialog, error->message);
      return FALSE;
    }

  if (!save_tiers (self, rapport_customer_get_id (customer), &error))
    {
      /* The customer is saved: a second Save only sets the tiers. */
      g_set_object (&self->customer, customer);
      g_clear_pointer (&self->tiers, rapport_customer_tiers_free);
      self->tiers = rapport_store_get_customer_tiers (self->db, rapport_customer_get_id (customer), NULL);
      rapport_editor_dialog_show_banner (dialog, error->message);
      return FALSE;
    }

  *out_id = rapport_customer_get_id (customer);
  return TRUE;
}

/* GObject */

static void
rapport_customer_dialog_finalize (GObject *object)
{
  RapportCustomerDialog *self = RAPPORT_CUSTOMER_DIALOG (object);

  g_clear_object (&self->customer);
  g_clear_pointer (&self->tiers, rapport_customer_tiers_free);
  g_free (self->country_code);

  G_OBJECT_CLASS (rapport_customer_dialog_parent_class)->finalize (object);
}

static void
rapport_customer_dialog_class_init (RapportCustomerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RapportEditorDialogClass *dialog_class = RAPPORT_EDITOR_DIALOG_CLASS (klass);

  object_class->finalize = rapport_customer_dialog_finalize;

  dialog_class->update_state = rapport_customer_dialog_update_state;
  dialog_class->save = rapport_customer_dialog_save;

  /**
   * RapportCustomerDialog::open-existing:
   * @customer_id: the existing customer the user chose to open instead
   */
  signals[OPEN_EXISTING] = g_signal_new ("open-existing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
rapport_customer_dialog_init (RapportCustomerDialog *self)
{
  const char *kinds[] = {
    rapport_customer_kind_get_label (RAPPORT_CUSTOMER_KIND_COMPANY),
    rapport_customer_kind_get_label (RAPPORT_CUSTOMER_KIND_PERSON),
    NULL
  };
  const char *stages[] = {
    rapport_stage_get_label (RAPPORT_STAGE_PROSPECT),
    rapport_stage_get_label (RAPPORT_STAGE_ACTIVE),
    rapport_stage_get_label (RAPPORT_STAGE_DORMANT),
    rapport_stage_get_label (RAPPORT_STAGE_LOST),
    NULL
  };
  const char *none[] = { NULL };
  RapportEditorDialog *dialog = RAPPORT_EDITOR_DIALOG (self);
  GtkWidget *group;

  gtk_window_set_default_size (GTK_WINDOW (self), 560, 720);

  self->duplicates = RAPPORT_DUPLICATE_GROUP (rapport_duplicate_group_new ());
  g_signal_connect_swapped (self->duplicates, "open", G_CALLBACK (duplicate_open_cb), self);
  rapport_editor_dialog_append (dialog, GTK_WIDGET (self->duplicates));

  group = rapport_editor_dialog_add_group (dialog, NULL);
  self->name_row = rapport_editor_dialog_add_entry_row (dialog, group, _("_Name"));
  self->name_error = rapport_editor_dialog_add_error_row (dialog, group);
  self->code_row = rapport_editor_dialog_add_entry_row (dialog, group, _("C_ode"));
  self->code_error = rapport_editor_dialog_add_error_row (dialog, group);
  self->kind_row = rapport_editor_dialog_add_combo_row (dialog, group, _("_Kind"), kinds);
  self->stage_row = rapport_editor_dialog_add_combo_row (dialog, group, _("_Stage"), stages);
  /* Their choices come with the customer (set_tier_choices). */
  self->tier_row = rapport_editor_dialog_add_combo_row (dialog, group, _("_Tier"), none);
  self->potential_row = rapport_editor_dialog_add_combo_row (dialog, group, _("_Potential"), none);

  self->phones = RAPPORT_FIELD_LIST (rapport_field_list_new (_("Phones"), _("Phone"), GTK_INPUT_PURPOSE_PHONE));
  rapport_editor_dialog_append (dialog, GTK_WIDGET (self->phones));
  self->emails = RAPPORT_FIELD_LIST (rapport_field_list_new (_("E-mails"), _("E-mail"), GTK_INPUT_PURPOSE_EMAIL));
  rapport_editor_dialog_append (dialog, GTK_WIDGET (self->emails));

  group = rapport_editor_dialog_add_group (dialog, _("Details"));
  self->website_row = rapport_editor_dialog_add_entry_row (dialog, group, _("_Website"));
  g_object_set (self->website_row, "input-purpose", GTK_INPUT_PURPOSE_URL, NULL);
  self->website_error = rapport_editor_dialog_add_error_row (dialog, group);
  self->industry_row = rapport_editor_dialog_add_entry_row (dialog, group, _("_Industry"));
  self->region_row = rapport_editor_dialog_add_entry_row (dialog, group, _("_Region"));
  self->source_row = rapport_editor_dialog_add_entry_row (dialog, group, _("So_urce"));
  self->address_row = rapport_editor_dialog_add_entry_row (dialog, group, _("_Address"));
  self->birthday_row = rapport_editor_dialog_add_date_row (dialog, group, _("_Birthday (YYYY-MM-DD)"));
  self->birthday_error = rapport_editor_dialog_add_error_row (dialog, group);
  self->lunar_switch = rapport_editor_dialog_add_switch_row (dialog, group, _("_Lunar Calendar Birthday"));
  self->tags_row = rapport_editor_dialog_add_entry_row (dialog, group, _("Ta_gs, separated by commas"));

  group = rapport_editor_dialog_add_group (dialog, _("Messages"));
  rapport_editor_dialog_add_do_not_contact_rows (dialog, group, &self->do_not_contact_switch,
                                                 &self->do_not_contact_reason_row);

  rapport_editor_dialog_append (dialog, rapport_text_view_group_new (_("Notes"), &self->notes_view));

  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (name_changed_cb), self);
  g_signal_connect_swapped (self->code_row, "changed", G_CALLBACK (code_changed_cb), self);
  g_signal_connect_swapped (self->birthday_row, "changed", G_CALLBACK (rapport_editor_dialog_field_changed), self);
  g_signal_connect_swapped (self->website_row, "changed", G_CALLBACK (rapport_editor_dialog_field_changed), self);
  rapport_editor_dialog_watch_leave (dialog, self->website_row);
  rapport_editor_dialog_watch_leave (dialog, self->birthday_row);
  g_signal_connect_swapped (self->phones, "changed", G_CALLBACK (rapport_editor_dialog_field_changed), self);
  g_signal_connect_swapped (self->emails, "changed", G_CALLBACK (rapport_editor_dialog_field_changed), self);
  g_signal_connect_swapped (self->phones, "focus-left", G_CALLBACK (identity_focus_left_cb), self);
  g_signal_connect_swapped (self->emails, "focus-left", G_CALLBACK (identity_focus_left_cb), self);
  {
    GtkEventController *focus = gtk_event_controller_focus_new ();

    g_signal_connect_swapped (focus, "leave", G_CALLBACK (identity_focus_left_cb), self);
    gtk_widget_add_controller (self->name_row, focus);
  }
}

static void
load_customer (RapportCustomerDialog *self)
{
  RapportCustomer *c = self->customer;
  const char * const *phones = rapport_customer_get_phones (c);
  g_autoptr (GStrvBuilder) formatted = g_strv_builder_new ();
  g_auto (GStrv) phone_texts = NULL;
  g_autofree char *tags = NULL;

  for (guint i = 0; phones != NULL && phones[i] != NULL; i++)
    {
      g_autofree char *text = rapport_phone_format (phones[i], self->country_code);
      g_strv_builder_add (formatted, text);
    }
  phone_texts = g_strv_builder_end (formatted);

  self->code_edited = TRUE;
  set_entry_text (self->name_row, rapport_customer_get_name (c));
  set_entry_text (self->code_row, rapport_customer_get_code (c));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->kind_row), rapport_customer_get_kind (c));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->stage_row), rapport_customer_get_stage (c));
  g_clear_pointer (&self->tiers, rapport_customer_tiers_free);
  self->tiers = rapport_store_get_customer_tiers (self->db, rapport_customer_get_id (c), NULL);
  set_tier_choices (self);
  rapport_staff_row_set_user_id (RAPPORT_STAFF_ROW (self->owner_row), rapport_customer_get_owner_id (c));
  rapport_field_list_set_values (self->phones, (const char * const *) phone_texts);
  rapport_field_list_set_values (self->emails, rapport_customer_get_emails (c));
  set_entry_text (self->website_row, rapport_customer_get_website (c));
  set_entry_text (self->industry_row, rapport_customer_get_industry (c));
  set_entry_text (self->region_row, rapport_customer_get_region (c));
  set_entry_text (self->source_row, rapport_customer_get_source (c));
  set_entry_text (self->address_row, rapport_customer_get_address (c));
  set_entry_text (self->birthday_row, rapport_customer_get_birthday (c));
  gtk_switch_set_active (GTK_SWITCH (self->lunar_switch), rapport_customer_get_birthday_lunar (c));
  if (rapport_customer_get_tags (c) != NULL)
    tags = g_strjoinv (", ", (char **) rapport_customer_get_tags (c));
  set_entry_text (self->tags_row, tags);
  rapport_do_not_contact_rows_load (self->do_not_contact_switch, self->do_not_contact_reason_row,
                                    rapport_customer_get_do_not_contact (c),
                                    rapport_customer_get_do_not_contact_reason (c));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            rapport_customer_get_notes (c) != NULL ? rapport_customer_get_notes (c) : "", -1);
}

/* Public API */

/**
 * rapport_customer_dialog_new:
 * @parent: (nullable): the window to be modal for
 * @session: an open session
 * @customer_or_null: (nullable): the customer to edit, %NULL for a new one
 *
 * Returns: (transfer none): a new dialog, not yet presented
 */
GtkWidget *
rapport_customer_dialog_new (GtkWindow       *parent,
                             RapportSession  *session,
                             RapportCustomer *customer_or_null)
{
  RapportCustomerDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);
  g_return_val_if_fail (rapport_session_get_database (session) != NULL, NULL);
  g_return_val_if_fail (customer_or_null == NULL || RAPPORT_IS_CUSTOMER (customer_or_null), NULL);

  self = g_object_new (RAPPORT_TYPE_CUSTOMER_DIALOG,
                       "transient-for", parent,
                       "session", session,
                       NULL);
  self->db = rapport_session_get_database (session);
  self->country_code = g_strdup (rapport_session_get_default_country_code (session));

  /* The owner row lists the session's staff: it comes with the session,
   * last in the first group. */
  self->owner_row = rapport_staff_row_new (self->db, RAPPORT_STAFF_PICK_OWNER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->owner_row), _("Own_er"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->owner_row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (self->potential_row,
                                                                             ADW_TYPE_PREFERENCES_GROUP)),
                             self->owner_row);

  if (customer_or_null != NULL)
    {
      self->customer = rapport_customer_copy (customer_or_null);
      rapport_editor_dialog_set_title (RAPPORT_EDITOR_DIALOG (self), _("Edit Customer"));
      load_customer (self);
    }
  else
    {
      g_autoptr (RapportCustomer) defaults = rapport_customer_new ();

      adw_combo_row_set_selected (ADW_COMBO_ROW (self->kind_row), rapport_customer_get_kind (defaults));
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->stage_row), rapport_customer_get_stage (defaults));
      set_tier_choices (self);
      rapport_editor_dialog_set_title (RAPPORT_EDITOR_DIALOG (self), _("New Customer"));
    }

  self->name_touched = customer_or_null != NULL;
  rapport_editor_dialog_update_state (RAPPORT_EDITOR_DIALOG (self));
  gtk_window_set_focus (GTK_WINDOW (self), self->name_row);

  return GTK_WIDGET (self);
}
