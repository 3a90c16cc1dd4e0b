/* rapport-field-list.h
 *
 * An editable list of values of one kind (a customer's phones, e-mails): one
 * entry row per value with a remove button and an error line, and an add button.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_FIELD_LIST (rapport_field_list_get_type ())

G_DECLARE_FINAL_TYPE (RapportFieldList, rapport_field_list, RAPPORT, FIELD_LIST, AdwBin)

GtkWidget  *rapport_field_list_new         (const char         *title,
                                            const char         *row_title,
                                            GtkInputPurpose     purpose);
void        rapport_field_list_set_values  (RapportFieldList   *self,
                                            const char * const *values);
/* Every row's text in order, blank ones included (errors line up by index). */
char      **rapport_field_list_get_values  (RapportFieldList   *self);
/* @errors: one message or NULL per value, as rapport_field_list_get_values().
 * A message shows once its row lost the focus, or after reveal_errors(). */
void        rapport_field_list_set_errors  (RapportFieldList   *self,
                                            GPtrArray          *errors);
void        rapport_field_list_reveal_errors (RapportFieldList *self);
/* The entry row of value @index, for tests and focus. */
GtkWidget  *rapport_field_list_get_row     (RapportFieldList   *self,
                                            guint               index);
guint       rapport_field_list_get_n_rows  (RapportFieldList   *self);
GtkWidget  *rapport_field_list_add_row     (RapportFieldList   *self,
                                            const char         *text);

G_END_DECLS
