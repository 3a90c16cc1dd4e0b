/* rapport-import-job.h
 *
 * One import, from the file to the book, in the steps the user sees:
 *
 * 1. open: the format (CSV/TSV text, .xlsx, .xls, vCard) is recognised by
 *    content, a text file's encoding and separator detected (both can be
 *    changed: reopen), the columns matched to fields (can be changed:
 *    set_mapping) and the first rows previewed as they will be stored;
 * 2. analyse: every row is read again (streamed, never held twice), checked
 *    with the dialogs' rules, grouped into customers (rows with the same
 *    customer code, or else name, are one customer and its contacts), and
 *    matched against the book and the file itself; the result is a list of
 *    problems (row, column, reason: fix the cell, skip the row, or import the
 *    row without the field) and a list of duplicates (merge, skip or create);
 * 3. run: one transaction on a worker connection, with progress and Cancel
 *    (nothing written); afterwards the import's id undoes it.
 *
 * Every step runs on a worker thread; "progress" and the results are
 * notified on the thread-default main context the job was created in. A
 * step may start only when the previous one has finished; changing the
 * mapping, the encoding or the separator invalidates the analysis.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-session.h"
#include "rapport-text-decode.h"

G_BEGIN_DECLS

typedef enum {
  RAPPORT_IMPORT_FORMAT_CSV,    /* comma-, semicolon- or tab-separated text */
  RAPPORT_IMPORT_FORMAT_XLSX,
  RAPPORT_IMPORT_FORMAT_XLS,
  RAPPORT_IMPORT_FORMAT_VCARD,
} RapportImportFormat;

/* "csv", "xlsx", "xls", "vcard" (the history's format); the label is
 * translated ("CSV text", "Excel workbook", "Excel 97–2003 workbook",
 * "vCard"). */
const char *rapport_import_format_to_string (RapportImportFormat format);
const char *rapport_import_format_get_label (RapportImportFormat format);

/* What the user decides for a problem or a duplicate. */
typedef enum {
  RAPPORT_IMPORT_ACTION_NONE,          /* a problem not yet resolved: blocks run */
  RAPPORT_IMPORT_ACTION_FIXED,         /* the cell was corrected (fix_cell) */
  RAPPORT_IMPORT_ACTION_SKIP_ROW,      /* the row is not imported */
  RAPPORT_IMPORT_ACTION_DROP_FIELD,    /* the row is imported without this cell */
} RapportImportAction;

typedef enum {
  RAPPORT_IMPORT_DECISION_MERGE,       /* the default */
  RAPPORT_IMPORT_DECISION_SKIP,
  RAPPORT_IMPORT_DECISION_CREATE,
} RapportImportDecision;

/* ---- A problem found by analyse ----------------------------------------- */

#define RAPPORT_TYPE_IMPORT_PROBLEM (rapport_import_problem_get_type ())
G_DECLARE_FINAL_TYPE (RapportImportProblem, rapport_import_problem, RAPPORT, IMPORT_PROBLEM, GObject)

/* Properties (read-only but "action" and "value", which change through the
 * job's calls below and are notified): "row" (uint: the row as the user finds
 * it in the file: a text file's line number, a sheet's row number, a vCard's
 * card number), "column" (uint, 0-based), "column-name" (string: the header),
 * "field" (string: the field key), "value" (string: the cell as read, or as
 * fixed), "message" (string, translated: the reason, e.g. "“1380013” is not
 * a phone number: it has too few digits"), "action" (RapportImportAction as
 * uint). A problem that concerns the whole row (a row with no name at all)
 * has field "" and cannot be fixed or dropped, only skipped. */
guint                rapport_import_problem_get_row         (RapportImportProblem *self);
guint                rapport_import_problem_get_column      (RapportImportProblem *self);
const char          *rapport_import_problem_get_column_name (RapportImportProblem *self);
const char          *rapport_import_problem_get_field       (RapportImportProblem *self);
const char          *rapport_import_problem_get_value       (RapportImportProblem *self);
const char          *rapport_import_problem_get_message     (RapportImportProblem *self);
RapportImportAction  rapport_import_problem_get_action      (RapportImportProblem *self);

/* ---- A duplicate found by analyse --------------------------------------- */

#define RAPPORT_TYPE_IMPORT_DUPLICATE (rapport_import_duplicate_get_type ())
G_DECLARE_FINAL_TYPE (RapportImportDuplicate, rapport_import_duplicate, RAPPORT, IMPORT_DUPLICATE, GObject)

/* Properties: "name" (string: the incoming customer's name), "rows" (string:
 * its rows, "12, 13"), "existing-id" (int64: the customer in the book it
 * matches, 0 when it matches an earlier customer of the same file),
 * "existing-name" (string: that customer's name), "reason" (string,
 * translated: "Same phone number: 138 0013 8000", "Same customer code:
 * C-0012", "Same name", "Same e-mail as row 12"), "decision"
 * (RapportImportDecision as uint, read-write), "conflicts" (GStrv: the field
 * keys whose stored value is not empty and differs from the incoming one;
 * these are kept unless the user asks: set_overwrite). A duplicate of an
 * earlier row in the file offers MERGE (into that row's customer) and SKIP;
 * CREATE is refused for it when the rows share a code. */
const char            *rapport_import_duplicate_get_name          (RapportImportDuplicate *self);
const char            *rapport_import_duplicate_get_rows          (RapportImportDuplicate *self);
gint64                 rapport_import_duplicate_get_existing_id   (RapportImportDuplicate *self);
const char            *rapport_import_duplicate_get_existing_name (RapportImportDuplicate *self);
const char            *rapport_import_duplicate_get_reason        (RapportImportDuplicate *self);
RapportImportDecision  rapport_import_duplicate_get_decision      (RapportImportDuplicate *self);
void                   rapport_import_duplicate_set_decision      (RapportImportDuplicate *self,
                                                                   RapportImportDecision   decision);
const char * const    *rapport_import_duplicate_get_conflicts     (RapportImportDuplicate *self);
/* The stored and incoming values of a conflicting field, for the user to compare. */
const char            *rapport_import_duplicate_get_stored_value  (RapportImportDuplicate *self,
                                                                   const char             *field);
const char            *rapport_import_duplicate_get_incoming_value (RapportImportDuplicate *self,
                                                                    const char             *field);
gboolean               rapport_import_duplicate_get_overwrite     (RapportImportDuplicate *self,
                                                                   const char             *field);
void                   rapport_import_duplicate_set_overwrite     (RapportImportDuplicate *self,
                                                                   const char             *field,
                                                                   gboolean                overwrite);

/* ---- The job ------------------------------------------------------------ */

#define RAPPORT_TYPE_IMPORT_JOB (rapport_import_job_get_type ())
G_DECLARE_FINAL_TYPE (RapportImportJob, rapport_import_job, RAPPORT, IMPORT_JOB, GObject)

/* Step 1. Errors are for the user: G_IO_ERROR_* from reading ("No such
 * file"), RAPPORT_SPREADSHEET_ERROR_* (not a spreadsheet, damaged, too large
 * — a zip bomb —, encrypted), RAPPORT_CSV_ERROR_*, the text decoder's
 * (mixed encodings), or G_IO_ERROR_INVALID_DATA "This file has no rows to
 * import" / "Rapport cannot read this kind of file". */
void                 rapport_import_job_open_async       (RapportSession       *session,
                                                          GFile                *file,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
RapportImportJob    *rapport_import_job_open_finish      (GAsyncResult         *result,
                                                          GError              **error);

RapportSession      *rapport_import_job_get_session      (RapportImportJob     *self);
GFile               *rapport_import_job_get_file         (RapportImportJob     *self);
/* The file's display name, as the history shows it. */
const char          *rapport_import_job_get_file_name    (RapportImportJob     *self);
RapportImportFormat  rapport_import_job_get_format       (RapportImportJob     *self);
/* Text files (CSV) only; otherwise meaningless. The separator is ',', ';',
 * '\t' or '|'. */
RapportEncoding      rapport_import_job_get_encoding     (RapportImportJob     *self);
char                 rapport_import_job_get_separator    (RapportImportJob     *self);
/* Reads the text again with @encoding and @separator; the mapping is matched
 * afresh. Fails as open does (a GB18030 file read as UTF-8 fails with the
 * decoder's message rather than produce mojibake). */
void                 rapport_import_job_reopen_async     (RapportImportJob     *self,
                                                          RapportEncoding       encoding,
                                                          char                  separator,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean             rapport_import_job_reopen_finish    (RapportImportJob     *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

/* The columns (headers of the first non-empty row; for vCard, one column
 * per field the cards use) and their mapping: a field key of
 * rapport_import_fields (), or "" when the column is not imported.
 * "mobile", "phone", "email" and "tags" may be mapped from several columns;
 * any other field from one only: mapping it to a column unmaps it from the
 * column that had it. Emits "mapping-changed". */
guint                rapport_import_job_get_n_columns    (RapportImportJob     *self);
const char          *rapport_import_job_get_header       (RapportImportJob     *self,
                                                          guint                 column);
const char          *rapport_import_job_get_mapping      (RapportImportJob     *self,
                                                          guint                 column);
void                 rapport_import_job_set_mapping      (RapportImportJob     *self,
                                                          guint                 column,
                                                          const char           *field);
/* Whether the mapping can make customers: some column maps to
 * "customer-name", "company", "contact-name", "given-name" or "family-name".
 * When not, @reason (nullable) says what is missing, translated. */
gboolean             rapport_import_job_mapping_is_usable (RapportImportJob    *self,
                                                           char               **reason);

/* The preview: up to the first 20 data rows, each as it will be stored under
 * the current mapping (a phone as rapport_phone_format shows it, a date as
 * YYYY-MM-DD, an Excel serial date converted, a name trimmed); a cell that
 * fails validation gives NULL and its message in @out_message (nullable,
 * transfer full). The value is transfer full, "" for an empty cell. */
guint                rapport_import_job_get_n_preview_rows (RapportImportJob   *self);
guint                rapport_import_job_get_preview_row_number (RapportImportJob *self,
                                                                guint             preview_row);
char                *rapport_import_job_get_preview_value (RapportImportJob    *self,
                                                           guint                preview_row,
                                                           guint                column,
                                                           char               **out_message);

/* Step 2. "progress" (double 0–1) is notified as rows are read. */
void                 rapport_import_job_analyse_async    (RapportImportJob     *self,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean             rapport_import_job_analyse_finish   (RapportImportJob     *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
double               rapport_import_job_get_progress     (RapportImportJob     *self);
/* After analyse: data rows read (empty rows not counted), customers and
 * contacts the rows make. */
guint                rapport_import_job_get_n_rows       (RapportImportJob     *self);
guint                rapport_import_job_get_n_customers  (RapportImportJob     *self);
guint                rapport_import_job_get_n_contacts   (RapportImportJob     *self);

/* GListModel of RapportImportProblem, by row then column. */
GListModel          *rapport_import_job_get_problems     (RapportImportJob     *self);
guint                rapport_import_job_count_unresolved (RapportImportJob     *self);
/* Replaces the cell's value and checks it again: TRUE and the problem
 * FIXED when it passes, FALSE with the rule's message otherwise (the problem
 * unchanged). Fixing a name or code may change the duplicates (re-matched on
 * the next run of analyse, which keeps decisions and fixes). */
gboolean             rapport_import_job_fix_cell         (RapportImportJob     *self,
                                                          RapportImportProblem *problem,
                                                          const char           *value,
                                                          GError              **error);
/* SKIP_ROW or DROP_FIELD (refused for a whole-row problem: FALSE), or NONE
 * to undo either. */
gboolean             rapport_import_job_set_action       (RapportImportJob     *self,
                                                          RapportImportProblem *problem,
                                                          RapportImportAction   action);
/* The same action for every problem still unresolved. */
void                 rapport_import_job_set_action_for_unresolved (RapportImportJob   *self,
                                                                   RapportImportAction action);
/* The report as CSV (UTF-8 with BOM): row, column, value, reason, action. */
gboolean             rapport_import_job_save_report      (RapportImportJob     *self,
                                                          GFile                *file,
                                                          GCancellable         *cancellable,
                                                          GError              **error);

/* GListModel of RapportImportDuplicate, by first row. */
GListModel          *rapport_import_job_get_duplicates   (RapportImportJob     *self);
void                 rapport_import_job_set_all_decisions (RapportImportJob    *self,
                                                           RapportImportDecision decision);

/* Step 3. Refused (G_IO_ERROR_FAILED, "Resolve the problems first") while a
 * problem is unresolved. "progress" is notified; cancelling rolls the
 * transaction back (G_IO_ERROR_CANCELLED, nothing written). */
void                 rapport_import_job_run_async        (RapportImportJob     *self,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean             rapport_import_job_run_finish       (RapportImportJob     *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
/* After run: the import's id (for rapport_import_undo_async and the
 * history) and its counts. */
gint64               rapport_import_job_get_import_id    (RapportImportJob     *self);
guint                rapport_import_job_get_n_created    (RapportImportJob     *self);
guint                rapport_import_job_get_n_merged     (RapportImportJob     *self);
guint                rapport_import_job_get_n_skipped    (RapportImportJob     *self);

/* Undo Import, on a worker connection (rapport_store_undo_import). */
void                 rapport_import_undo_async           (RapportSession       *session,
                                                          gint64                import_id,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean             rapport_import_undo_finish          (GAsyncResult         *result,
                                                          GError              **error);

G_END_DECLS
