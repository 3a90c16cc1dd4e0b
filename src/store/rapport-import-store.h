/* rapport-import-store.h
 *
 * The store's side of imports, exports and merging duplicates: an import
 * written in one transaction and undone exactly, the book's customers read in
 * one pass for an export, and duplicate customers found across the book and
 * merged into one, undoably.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-contact.h"
#include "rapport-customer.h"
#include "rapport-database.h"
#include "rapport-import-run.h"

G_BEGIN_DECLS

/* Why an incoming customer matches one in the book (or another row). */
typedef enum {
  RAPPORT_MATCH_NONE,
  RAPPORT_MATCH_CODE,
  RAPPORT_MATCH_PHONE,
  RAPPORT_MATCH_EMAIL,
  RAPPORT_MATCH_NAME,
} RapportMatchReason;

/* The first live customer an incoming one matches, in the order code,
 * phone, e-mail, name: the same customer code (case-insensitive), a phone
 * (E.164, as rapport_phone_normalize gives it) or e-mail (normalised) of the
 * customer or of one of its contacts, or the same normalised name
 * (rapport_name_normalize_for_match, as rapport_store_find_duplicates). @code and
 * @name may be NULL; @phones and @emails NULL-terminated or NULL. Returns the
 * customer id, 0 when none matches (and RAPPORT_MATCH_NONE); @out_contact_id
 * (nullable) gets the matching contact, 0 when the match is the customer
 * itself. Meant to be called once per incoming customer on a worker connection:
 * it keeps its statements prepared and is fast (10,000 calls against a
 * 100,000-customer book well under a second). */
gint64 rapport_store_match_customer (RapportDatabase     *db,
                                     const char          *code,
                                     const char          *name,
                                     const char * const  *phones,
                                     const char * const  *emails,
                                     RapportMatchReason  *out_reason,
                                     gint64              *out_contact_id,
                                     GError             **error);

/* Imports. One import is one transaction on @db (a worker connection),
 * begun by rapport_import_writer_begin and ended by _commit, or rolled back
 * by _free without a commit (Cancel: nothing is written). Every row written
 * is recorded against the import, so that rapport_store_undo_import removes
 * exactly what it created and restores what it merged. The search
 * documents of the customers it creates are written at the commit, in one
 * ordered pass, with each placed among the others in name order (no
 * bulk load's spreading of the whole book). One "changed" announcement
 * after the commit. */
typedef struct _RapportImportWriter RapportImportWriter;

RapportImportWriter *rapport_import_writer_begin          (RapportDatabase     *db,
                                                           const char          *file_name,
                                                           const char          *format,
                                                           GError             **error);
/* Creates @customer (with its phones, e-mails and tags; an empty code gets a
 * proposed one, a code already in use fails with
 * RAPPORT_DATABASE_ERROR_INVALID) and @contacts (RapportContact, nullable),
 * whose customer-id is set here. Fills in the ids. */
gboolean             rapport_import_writer_add_customer   (RapportImportWriter *writer,
                                                           RapportCustomer     *customer,
                                                           GPtrArray           *contacts,
                                                           GError             **error);
/* Merges @incoming into the live customer @customer_id: each empty field is
 * filled from @incoming; phones, e-mails and tags it lacks are added; a
 * non-empty field is replaced only when its import field key (see
 * rapport_import_fields: "address", "notes", …) is in @overwrite
 * (NULL-terminated, nullable). Each of @contacts matching one of the
 * customer's contacts (same phone, e-mail or name) is merged into it the
 * same way (never overwriting); the others are added. */
gboolean             rapport_import_writer_merge_customer (RapportImportWriter *writer,
                                                           gint64               customer_id,
                                                           RapportCustomer     *incoming,
                                                           GPtrArray           *contacts,
                                                           const char * const  *overwrite,
                                                           GError             **error);
/* Rows the user chose to skip, counted in the history. */
void                 rapport_import_writer_add_skipped    (RapportImportWriter *writer,
                                                           guint                n_rows);
/* Commits; returns the import's id (> 0), or 0 with @error (then rolled back). */
gint64               rapport_import_writer_commit         (RapportImportWriter *writer,
                                                           GError             **error);
/* Rolls back when not committed. */
void                 rapport_import_writer_free           (RapportImportWriter *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportImportWriter, rapport_import_writer_free)

/* Removes what import @import_id created (customers, contacts, phones,
 * e-mails, tag links: deleted, not trashed) and restores every merged
 * customer and contact as it was before. Fails with
 * RAPPORT_DATABASE_ERROR_CONFLICT when already undone. One transaction. */
gboolean             rapport_store_undo_import            (RapportDatabase     *db,
                                                           gint64               import_id,
                                                           GError             **error);
/* GListModel of RapportImportRun, newest first. */
GListModel          *rapport_store_list_imports           (RapportDatabase     *db,
                                                           GError             **error);

/* Exports. Calls @func with each live customer (phones, e-mails, tags filled
 * in) and its live contacts, by sort key (the list's name order); @ids
 * (nullable, @n_ids long) restricts it to those customers, in that order.
 * Reads in a few ordered passes, never a query per customer. @func returns
 * FALSE to stop early (then this returns TRUE). Cancelling fails with
 * G_IO_ERROR_CANCELLED. */
typedef gboolean (*RapportCustomerExportFunc) (RapportCustomer *customer,
                                               GPtrArray       *contacts,
                                               gpointer         user_data);

gboolean             rapport_store_foreach_customer_with_contacts (RapportDatabase          *db,
                                                                   const gint64             *ids,
                                                                   guint                     n_ids,
                                                                   GCancellable             *cancellable,
                                                                   RapportCustomerExportFunc func,
                                                                   gpointer                  user_data,
                                                                   GError                  **error);

/* The Duplicates view. Groups of live customers that are likely the same:
 * sharing a phone or e-mail (their own or a contact's), or a name equal up to
 * punctuation, spaces, case and company suffixes (有限公司, 有限责任公司,
 * 股份有限公司, 公司, Co., Ltd., Inc., LLC, GmbH, …: see
 * rapport_name_company_key, to add to src/core/rapport-text.h). A customer is in one
 * group at most (groups sharing a member are joined). GPtrArray of
 * RapportDuplicateSet, the largest group first. */
typedef struct
{
  GArray             *customer_ids;  /* gint64, oldest customer first */
  RapportMatchReason  reason;        /* the first reason that joined them */
} RapportDuplicateSet;

void                 rapport_duplicate_set_free           (RapportDuplicateSet *set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportDuplicateSet, rapport_duplicate_set_free)

GPtrArray           *rapport_store_find_duplicate_sets    (RapportDatabase     *db,
                                                           GCancellable        *cancellable,
                                                           GError             **error);

/* Merges customers @others into @survivor (a customer as stored, with the
 * field values the user picked: it is saved as given, phones, e-mails and
 * tags included). Contacts, interactions, orders, follow-ups, messages and
 * tags of @others move to the survivor; @others go to the Trash. One
 * transaction; returns a merge id (> 0) for rapport_store_undo_merge, 0 with
 * @error. */
gint64               rapport_store_merge_customers        (RapportDatabase     *db,
                                                           RapportCustomer     *survivor,
                                                           const gint64        *others,
                                                           guint                n_others,
                                                           GError             **error);
/* Puts everything back: the survivor's fields, what moved, the others
 * restored from the Trash. RAPPORT_DATABASE_ERROR_CONFLICT when undone
 * already. */
gboolean             rapport_store_undo_merge             (RapportDatabase     *db,
                                                           gint64               merge_id,
                                                           GError             **error);

G_END_DECLS
