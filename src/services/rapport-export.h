/* rapport-export.h
 *
 * The customer book (or some of its customers) written to a file for
 * Excel, another CRM or a phone: CSV, .xlsx or vCard 4.0, on a worker
 * connection, with progress and Cancel.
 *
 * The tables (CSV and .xlsx) are laid out so that Rapport's own import reads
 * them back into the same customers: the headers are the import fields'
 * names (rapport_import_field_get_label, or the English name where a
 * translation would not be recognised), and each customer is one row of its
 * own fields, phones and e-mails, followed by one row per contact that
 * repeats the customer's code and name and holds the contact's name, title,
 * phones, e-mails and birthday. The import groups rows by code, and a row
 * without a contact name fills the customer, so nothing is mixed up. A
 * contact's notes are left out of the tables (the import takes the Notes
 * column as the customer's); the vCard keeps them.
 * Several phones, e-mails or tags share one cell: phones and e-mails one per
 * line, tags separated by ", ". Chinese mobile numbers go to the Mobile
 * column, every other number to Phone, as the user reads them
 * (rapport_phone_format with the session's country code). A lunar birthday
 * goes to the Lunar Birthday column.
 *
 * A vCard file holds one card per contact (ORG the customer's name), and one
 * for a customer without contacts or with phones or e-mails of its own (ORG
 * its name when it is a company). A lunar birthday is left out (BDAY is
 * Gregorian).
 *
 * A file is written under a temporary name beside the target and renamed
 * when complete: a failed or cancelled export leaves the target as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-session.h"
#include "rapport-text-decode.h"

G_BEGIN_DECLS

typedef enum {
  RAPPORT_EXPORT_FORMAT_CSV,
  RAPPORT_EXPORT_FORMAT_XLSX,
  RAPPORT_EXPORT_FORMAT_VCARD,
} RapportExportFormat;

/* "csv", "xlsx", "vcf" */
const char *rapport_export_format_get_extension (RapportExportFormat format);

/* The tables' header, in column order (translated where the translation is
 * one the import recognises). NULL-terminated, owned by the caller. */
GStrv       rapport_export_table_header         (void);

#define RAPPORT_TYPE_EXPORT (rapport_export_get_type ())
G_DECLARE_FINAL_TYPE (RapportExport, rapport_export, RAPPORT, EXPORT, GObject)

/* An export of @session's book in @format. Property "progress" (double,
 * 0–1, read-only) is notified on the thread-default main context of the
 * caller of rapport_export_run_async, at most about 20 times a second. */
RapportExport   *rapport_export_new               (RapportSession       *session,
                                                   RapportExportFormat   format);
RapportExportFormat rapport_export_get_format     (RapportExport        *self);
/* CSV only: RAPPORT_ENCODING_UTF8 (the default, with a byte-order mark so
 * that Excel recognises it) or RAPPORT_ENCODING_GB18030 (what Chinese Excel
 * and WPS expect: "GBK"). */
void             rapport_export_set_encoding      (RapportExport        *self,
                                                   RapportEncoding       encoding);
RapportEncoding  rapport_export_get_encoding      (RapportExport        *self);
/* Restricts the export to customers @ids, in that order; NULL (the
 * default) exports every customer of the book in the list's name order. */
void             rapport_export_set_customer_ids  (RapportExport        *self,
                                                   const gint64         *ids,
                                                   guint                 n_ids);
double           rapport_export_get_progress      (RapportExport        *self);

/* Writes @file (replacing it when the export succeeds). Cancelling fails
 * with G_IO_ERROR_CANCELLED and leaves no file behind; while a workbook is
 * being compressed (the last part of an .xlsx export, after "progress"
 * reached 0.6) it takes effect once that step ends. */
void             rapport_export_run_async         (RapportExport        *self,
                                                   GFile                *file,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
/* @n_customers (nullable): how many customers the file holds. */
gboolean         rapport_export_run_finish        (RapportExport        *self,
                                                   GAsyncResult         *result,
                                                   guint                *n_customers,
                                                   GError              **error);

G_END_DECLS
