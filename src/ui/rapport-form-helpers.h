/* rapport-form-helpers.h
 *
 * Small pieces the customer page's editors share: the error line under a field,
 * the store's error banner, a text view's text, the contact chooser.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-database.h"

G_BEGIN_DECLS

/* A hidden, non-activatable row holding a GtkLabel with the "error" style;
 * put it right under the row it explains. */
GtkWidget *rapport_error_row_new             (void);
/* Shows @message under @field_row (or hides it when NULL) and marks @field_row
 * with the "error" style class. */
void       rapport_error_row_set             (GtkWidget   *error_row,
                                              GtkWidget   *field_row,
                                              const char  *message);
const char *rapport_error_row_get_message    (GtkWidget   *error_row);

/* Marks @row once the focus leaves it (then calls @callback with @user_data
 * swapped in as its only argument): its error shows from then on. */
void       rapport_field_watch_leave         (GtkWidget   *row,
                                              GCallback    callback,
                                              gpointer     user_data);
gboolean   rapport_field_get_left            (GtkWidget   *row);

char      *rapport_text_view_get_text        (GtkTextView *view);

/* An AdwPreferencesGroup with a multi-line text view in a card. */
GtkWidget *rapport_text_view_group_new       (const char  *title,
                                              GtkTextView **out_view);

/* The rows of rapport_editor_dialog_add_do_not_contact_rows: show a record's
 * flag and reason, and read them back (the reason, trimmed, only while the
 * switch is on; NULL otherwise). */
void       rapport_do_not_contact_rows_load  (GtkWidget   *toggle,
                                              GtkWidget   *reason_row,
                                              gboolean     do_not_contact,
                                              const char  *reason);
void       rapport_do_not_contact_rows_apply (GtkWidget   *toggle,
                                              GtkWidget   *reason_row,
                                              gboolean    *out_do_not_contact,
                                              char       **out_reason);

/* The placeholder problems of @text (rapport_template_check), one translated
 * line each, for showing under it; NULL when there is none. */
char      *rapport_template_problems_text    (const char  *text);

/* A GtkEntry-like text, trimmed; NULL when blank. */
char      *rapport_editable_dup_trimmed      (GtkEditable *editable);

/* Fills @row with "No Contact" and @customer_id's contacts, and @contact_ids
 * (a GArray of gint64, emptied first) with their ids in the same order (0 for
 * "No Contact"). Selects @contact_id, or when it is -1 the primary contact.
 * FALSE with @error when the contacts cannot be read (the row then offers
 * "No Contact" only). */
gboolean   rapport_contact_row_load          (AdwComboRow     *row,
                                              RapportDatabase *db,
                                              gint64           customer_id,
                                              gint64           contact_id,
                                              GArray          *contact_ids,
                                              GError         **error);

G_END_DECLS
