/* rapport-editor-dialog.h
 *
 * The shell the customer page's editors share: a modal window titled with
 * what is edited, Cancel and Save in its header bar (Ctrl+Enter saves,
 * Escape cancels), a banner for what the store refused, and a scrolled,
 * clamped form box the subclass fills with preference groups. A subclass
 * builds its rows with the helpers here, keeps the form's state in
 * update_state (validation next to the fields, Save enabled or not) and
 * writes in save; the shell emits "saved" and closes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_EDITOR_DIALOG (rapport_editor_dialog_get_type ())

G_DECLARE_DERIVABLE_TYPE (RapportEditorDialog, rapport_editor_dialog, RAPPORT, EDITOR_DIALOG, AdwWindow)

struct _RapportEditorDialogClass
{
  AdwWindowClass parent_class;

  /* Shows the form's state: errors next to the fields, Save enabled or not
   * (rapport_editor_dialog_set_save_enabled). Not called while the dialog
   * closes. */
  void     (*update_state) (RapportEditorDialog *self);
  /* Action "dialog.save": checks and writes. Returns TRUE with @out_id set
   * to the saved row when it is done (the dialog then emits "saved" and
   * closes), FALSE when it stays open showing why. */
  gboolean (*save)         (RapportEditorDialog *self,
                            gint64              *out_id);
};

/* Property "session" (construct-only): the open session edited in. */
RapportSession  *rapport_editor_dialog_get_session       (RapportEditorDialog *self);
/* The session's main connection. */
RapportDatabase *rapport_editor_dialog_get_database      (RapportEditorDialog *self);

/* The window's title and the header bar's. */
void             rapport_editor_dialog_set_title         (RapportEditorDialog *self,
                                                          const char          *title);
/* Appends @widget (a group, a field list) to the form. */
void             rapport_editor_dialog_append            (RapportEditorDialog *self,
                                                          GtkWidget           *widget);
/* A new preferences group at the end of the form; @title (nullable). */
GtkWidget       *rapport_editor_dialog_add_group         (RapportEditorDialog *self,
                                                          const char          *title);
/* Rows added to @group; titles have mnemonics. An entry row activates Save
 * on Enter. */
GtkWidget       *rapport_editor_dialog_add_entry_row     (RapportEditorDialog *self,
                                                          GtkWidget           *group,
                                                          const char          *title);
/* A RapportDateRow: typed as YYYY-MM-DD or picked in a calendar. */
GtkWidget       *rapport_editor_dialog_add_date_row      (RapportEditorDialog *self,
                                                          GtkWidget           *group,
                                                          const char          *title);
/* A RapportTimeRow: typed as HH:MM or picked as hour and minute. */
GtkWidget       *rapport_editor_dialog_add_time_row      (RapportEditorDialog *self,
                                                          GtkWidget           *group,
                                                          const char          *title);
/* The hidden error line for the row added just before it
 * (rapport_error_row_set). */
GtkWidget       *rapport_editor_dialog_add_error_row     (RapportEditorDialog *self,
                                                          GtkWidget           *group);
/* @labels (nullable): the choices; without them the subclass sets a model. */
GtkWidget       *rapport_editor_dialog_add_combo_row     (RapportEditorDialog *self,
                                                          GtkWidget           *group,
                                                          const char          *title,
                                                          const char * const  *labels);
/* A row with a switch; returns the GtkSwitch. */
GtkWidget       *rapport_editor_dialog_add_switch_row    (RapportEditorDialog *self,
                                                          GtkWidget           *group,
                                                          const char          *title);
/* "Do Not Contact" (a switch) and the reason (an entry row, sensitive while
 * the switch is on): the customer and contact editors share them. Load and
 * read them with rapport_do_not_contact_rows_load / _apply. */
void             rapport_editor_dialog_add_do_not_contact_rows (RapportEditorDialog *self,
                                                                GtkWidget           *group,
                                                                GtkWidget          **out_switch,
                                                                GtkWidget          **out_reason_row);

/* Re-runs update_state (nothing while the dialog closes). */
void             rapport_editor_dialog_update_state      (RapportEditorDialog *self);
/* For a field's "changed": the banner goes (the user is fixing things) and
 * the state is shown again. */
void             rapport_editor_dialog_field_changed     (RapportEditorDialog *self);
/* Updates the state once the focus leaves @row; rapport_field_get_left()
 * tells from then on that the user has been there. */
void             rapport_editor_dialog_watch_leave       (RapportEditorDialog *self,
                                                          GtkWidget           *row);

/* What the store said when it refused to save; NULL hides the banner. */
void             rapport_editor_dialog_show_banner       (RapportEditorDialog *self,
                                                          const char          *message);
const char      *rapport_editor_dialog_get_banner        (RapportEditorDialog *self);
void             rapport_editor_dialog_set_save_enabled  (RapportEditorDialog *self,
                                                          gboolean             enabled);
/* The Save button's label, with a mnemonic ("Save _Anyway"). */
void             rapport_editor_dialog_set_save_label    (RapportEditorDialog *self,
                                                          const char          *label);
void             rapport_editor_dialog_scroll_to_top     (RapportEditorDialog *self);
/* TRUE once the dialog is being destroyed: its rows may be gone. */
gboolean         rapport_editor_dialog_is_closing        (RapportEditorDialog *self);

G_END_DECLS
