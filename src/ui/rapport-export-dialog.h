/* rapport-export-dialog.h
 *
 * "Export Customers": the format (CSV, Excel, vCard), for CSV the encoding
 * (UTF-8 or GBK), which customers (all, or those the list shows), then the
 * file, the progress with Cancel, and a toast in the parent window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rapport-export.h"
#include "rapport-session.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_EXPORT_DIALOG (rapport_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RapportExportDialog, rapport_export_dialog, RAPPORT, EXPORT_DIALOG, AdwWindow)

/* @shown_ids (gint64, nullable): the customers the list shows when a search
 * or a filter narrows it; the dialog then offers them as the scope. */
GtkWidget  *rapport_export_dialog_new           (GtkWindow           *parent,
                                                 RapportSession      *session,
                                                 GArray              *shown_ids);
void        rapport_export_dialog_set_format    (RapportExportDialog *self,
                                                 RapportExportFormat  format);
void        rapport_export_dialog_set_encoding  (RapportExportDialog *self,
                                                 RapportEncoding      encoding);
/* TRUE to export the customers shown only. */
void        rapport_export_dialog_set_shown_only (RapportExportDialog *self,
                                                  gboolean             shown_only);
/* Exports to @file, as "Export…" does once the file is chosen (tests). */
void        rapport_export_dialog_export_to     (RapportExportDialog *self,
                                                 GFile               *file);
/* The export running, or NULL (tests). */
RapportExport *rapport_export_dialog_get_export (RapportExportDialog *self);

G_END_DECLS
