/* rapport-import-job.c
 *
 * How rows become customers. Each row's cells are checked with the dialogs'
 * rules (rapport-phone.h, rapport-email.h, …, through rapport-import-value.h
 * for what files do to them) and kept, checked, one string per column ("" for
 * an empty cell, NULL for a cell that failed or was dropped; several phones,
 * e-mails or tags joined by "\n"). Rows group into customers by customer
 * code, else by normalised customer name (company, else the contact's name:
 * a person); a row with a contact name is a contact of its customer, with the
 * row's phones, e-mails, title and birthday; a row without one gives them to
 * the customer. Address, region, industry, source, website, notes and tags
 * always belong to the customer.
 *
 * Grouping is done again by run (fixes can change names), which finds each
 * group's duplicate by its first row; a group the analysis did not see (a
 * fixed name) is matched against the book again there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-import-job"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-contact.h"
#include "rapport-csv-writer.h"
#include "rapport-customer-code.h"
#include "rapport-customer.h"
#include "rapport-date.h"
#include "rapport-import-job-private.h"
#include "rapport-import-mapping.h"
#include "rapport-import-problem-private.h"
#include "rapport-import-source.h"
#include "rapport-import-store.h"
#include "rapport-import-value.h"
#include "rapport-phone.h"
#include "rapport-store.h"
#include "rapport-text.h"
#include "rapport-url.h"
#include "rapport-validation.h"

#define N_PREVIEW_ROWS 20
/* At most this many "progress" notifications a second. */
#define PROGRESS_INTERVAL_US (G_USEC_PER_SEC / 20)
/* The share of analyse spent reading rows; the rest matches customers. */
#define READ_SHARE 0.6

typedef enum {
  FIELD_NONE = -1,
  FIELD_CUSTOMER_NAME,
  FIELD_COMPANY,
  FIELD_CONTACT_NAME,
  FIELD_GIVEN_NAME,
  FIELD_FAMILY_NAME,
  FIELD_CONTACT_TITLE,
  FIELD_MOBILE,
  FIELD_PHONE,
  FIELD_EMAIL,
  FIELD_ADDRESS,
  FIELD_REGION,
  FIELD_INDUSTRY,
  FIELD_BIRTHDAY,
  FIELD_LUNAR_BIRTHDAY,
  FIELD_NOTES,
  FIELD_TAGS,
  FIELD_CODE,
  FIELD_SOURCE,
  FIELD_WEBSITE,
  N_FIELDS
} Field;

static const char * const field_keys[N_FIELDS] = {
  "customer-name", "company", "contact-name", "given-name", "family-name",
  "contact-title", "mobile", "phone", "email", "address", "region", "industry",
  "birthday", "lunar-birthday", "notes", "tags", "code", "source", "website",
};

/* A data row, checked: one value per column (see the top of the file). */
typedef struct
{
  guint   row;
  guint   n_values;
  char  **values;    /* not NULL-terminated: a failed cell is NULL */
  /* rapport_name_normalize_for_match () of the customer's and the contact's
   * names, made when first asked (every step groups the rows again). */
  char   *name_key;
  char   *contact_key;
} ImportRow;

/* Rows that make one customer. */
typedef struct
{
  char   *key;
  GArray *rows;         /* guint indices into the job's rows */
  guint   first_row;    /* the user's row number of the first */
} ImportGroup;

struct _RapportImportJob
{
  GObject              parent_instance;

  RapportSession      *session;
  GFile               *file;
  char                *file_name;
  GMainContext        *context;
  char                *country_code;
  RapportImportSource *source;

  GPtrArray           *headers;       /* char * */
  GPtrArray           *mapping;       /* char *, "" when not imported */
  GPtrArray           *preview;       /* GStrv: the first rows' cells as read */
  GArray              *preview_rows;  /* guint: their row numbers */
  guint                n_rows_read;   /* data rows, counted by open; 0 for a workbook */
  guint64              file_size;

  gboolean             busy;
  double               progress;
  RapportImportProgressHook progress_hook;
  gpointer             progress_hook_data;

  /* The analysis. */
  gboolean             analysed;
  GPtrArray           *rows;          /* ImportRow * */
  GListStore          *problems;
  GListStore          *duplicates;
  GHashTable          *duplicate_by_row;  /* first row → RapportImportDuplicate */
  GHashTable          *analysed_keys;     /* the keys of the groups analysed */
  guint                n_rows;
  guint                n_customers;
  guint                n_contacts;
  GHashTable          *fixes;         /* "row:column" → fixed cell */
  GHashTable          *actions;       /* "row:column" → RapportImportAction */

  /* The run. */
  gint64               import_id;
  guint                n_created;
  guint                n_merged;
  guint                n_skipped;
};

G_DEFINE_FINAL_TYPE (RapportImportJob, rapport_import_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROGRESS,
  N_PROPS
};

enum {
  MAPPING_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Formats */

const char *
rapport_import_format_to_string (RapportImportFormat format)
{
  switch (format)
    {
    case RAPPORT_IMPORT_FORMAT_CSV:
      return "csv";
    case RAPPORT_IMPORT_FORMAT_XLSX:
      return "xlsx";
    case RAPPORT_IMPORT_FORMAT_XLS:
      return "xls";
    case RAPPORT_IMPORT_FORMAT_VCARD:
      return "vcard";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
rapport_import_format_get_label (RapportImportFormat format)
{
  switch (format)
    {
    case RAPPORT_IMPORT_FORMAT_CSV:
      return _("CSV text");
    case RAPPORT_IMPORT_FORMAT_XLSX:
      return _("Excel workbook");
    case RAPPORT_IMPORT_FORMAT_XLS:
      return _("Excel 97–2003 workbook");
    case RAPPORT_IMPORT_FORMAT_VCARD:
      return _("vCard");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Rows and groups */

static void
import_row_free (ImportRow *row)
{
  for (guint i = 0; i < row->n_values; i++)
    g_free (row->values[i]);
  g_free (row->values);
  g_free (row->name_key);
  g_free (row->contact_key);
  g_free (row);
}

static void
import_group_free (ImportGroup *group)
{
  g_free (group->key);
  g_array_unref (group->rows);
  g_free (group);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportGroup, import_group_free)

static Field
field_from_key (const char *key)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (g_strcmp0 (field_keys[i], key) == 0)
      return i;
  return FIELD_NONE;
}

static char *
cell_key (guint row,
          guint column)
{
  return g_strdup_printf ("%u:%u", row, column);
}

static char *
join_values (GStrv values)
{
  return g_strjoinv ("\n", values);
}

/* The value of @raw for @field as stored ("" when empty), or NULL with the
 * rule's message. */
static char *
check_cell (Field        field,
            const char  *raw,
            const char  *country_code,
            GError     **error)
{
  g_autofree char *cell = rapport_import_clean_cell (raw);
  g_auto (GStrv) values = NULL;
  char *value = NULL;

  if (cell[0] == '\0')
    return g_strdup ("");

  switch (field)
    {
    case FIELD_CUSTOMER_NAME:
    case FIELD_COMPANY:
    case FIELD_CONTACT_NAME:
    case FIELD_GIVEN_NAME:
    case FIELD_FAMILY_NAME:
      if (!rapport_name_validate (cell, error))
        return NULL;
      return g_steal_pointer (&cell);

    case FIELD_MOBILE:
    case FIELD_PHONE:
      values = rapport_import_split_phones (cell, country_code, error);
      return values != NULL ? join_values (values) : NULL;

    case FIELD_EMAIL:
      values = rapport_import_split_emails (cell, error);
      return values != NULL ? join_values (values) : NULL;

    case FIELD_TAGS:
      values = rapport_import_split_tags (cell, error);
      return values != NULL ? join_values (values) : NULL;

    case FIELD_BIRTHDAY:
    case FIELD_LUNAR_BIRTHDAY:
      return rapport_import_parse_date (cell, &value, error) ? value : NULL;

    case FIELD_CODE:
      value = rapport_customer_code_normalize (cell);
      if (!rapport_customer_code_validate (value, error))
        g_clear_pointer (&value, g_free);
      return value;

    case FIELD_WEBSITE:
      return rapport_url_normalize (cell, &value, error) ? value : NULL;

    case FIELD_CONTACT_TITLE:
    case FIELD_ADDRESS:
    case FIELD_REGION:
    case FIELD_INDUSTRY:
    case FIELD_NOTES:
    case FIELD_SOURCE:
      return g_steal_pointer (&cell);

    case FIELD_NONE:
    case N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

/* The fields of the columns, for one pass. */
static Field *
dup_column_fields (RapportImportJob *self)
{
  Field *fields = g_new (Field, self->mapping->len + 1);

  for (guint i = 0; i < self->mapping->len; i++)
    fields[i] = field_from_key (g_ptr_array_index (self->mapping, i));

  return fields;
}

/* Progress */

typedef struct
{
  RapportImportJob *job;
  double            progress;
} ProgressUpdate;

static gboolean
progress_update_cb (gpointer user_data)
{
  ProgressUpdate *update = user_data;

  if (update->job->progress != update->progress)
    {
      update->job->progress = update->progress;
      g_object_notify_by_pspec (G_OBJECT (update->job), properties[PROP_PROGRESS]);
    }

  return G_SOURCE_REMOVE;
}

static void
progress_update_free (gpointer data)
{
  ProgressUpdate *update = data;

  g_object_unref (update->job);
  g_free (update);
}

/* The progress of a step on its worker. */
typedef struct
{
  RapportImportJob *job;
  gint64            last_sent;
} ProgressReporter;

static void
report_progress (ProgressReporter *reporter,
                 double            progress,
                 gboolean          force)
{
  gint64 now;
  ProgressUpdate *update;

  if (reporter->job->progress_hook != NULL)
    reporter->job->progress_hook (progress, reporter->job->progress_hook_data);

  now = g_get_monotonic_time ();
  if (!force && now - reporter->last_sent < PROGRESS_INTERVAL_US)
    return;
  reporter->last_sent = now;

  update = g_new (ProgressUpdate, 1);
  update->job = g_object_ref (reporter->job);
  update->progress = CLAMP (progress, 0.0, 1.0);
  g_main_context_invoke_full (reporter->job->context, G_PRIORITY_DEFAULT,
                              progress_update_cb, update, progress_update_free);
}

static void
set_progress (RapportImportJob *self,
              double            progress)
{
  if (self->progress == progress)
    return;

  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

/* Open: the header, the preview and a count of the rows */

typedef struct
{
  RapportImportSource *source;
  char                *file_name;
  GPtrArray           *headers;
  GPtrArray           *preview;
  GArray              *preview_rows;
  guint                n_rows;
  guint64              file_size;
  gboolean             counted;   /* n_rows is every data row, not the preview's */
} OpenResult;

static void
open_result_free (OpenResult *result)
{
  g_clear_pointer (&result->source, rapport_import_source_free);
  g_free (result->file_name);
  g_clear_pointer (&result->headers, g_ptr_array_unref);
  g_clear_pointer (&result->preview, g_ptr_array_unref);
  g_clear_pointer (&result->preview_rows, g_array_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenResult, open_result_free)

static gboolean
open_row_cb (guint               row,
             const char * const *cells,
             guint               n_cells,
             gpointer            user_data,
             GError            **error)
{
  OpenResult *result = user_data;

  if (result->headers == NULL)
    {
      result->headers = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < n_cells; i++)
        {
          g_autofree char *header = rapport_import_clean_cell (cells[i]);

          if (header[0] == '\0')
            g_ptr_array_add (result->headers, g_strdup_printf (_("Column %u"), i + 1));
          else
            g_ptr_array_add (result->headers, g_steal_pointer (&header));
        }
      return TRUE;
    }

  result->n_rows++;
  if (result->preview->len < N_PREVIEW_ROWS)
    {
      g_ptr_array_add (result->preview, g_strdupv ((char **) cells));
      g_array_append_val (result->preview_rows, row);
      /* Columns past the header's are named by their number. */
      for (guint i = result->headers->len; i < n_cells; i++)
        g_ptr_array_add (result->headers, g_strdup_printf (_("Column %u"), i + 1));
    }

  /* Text is in memory and counted in no time; a workbook is parsed again
   * by analyse, so its rows are not counted here. */
  return result->counted || result->preview->len < N_PREVIEW_ROWS;
}

static OpenResult *
read_open_result (RapportImportSource  *source,
                  GCancellable         *cancellable,
                  GError              **error)
{
  g_autoptr (OpenResult) result = g_new0 (OpenResult, 1);

  result->preview = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  result->preview_rows = g_array_new (FALSE, FALSE, sizeof (guint));
  result->counted = rapport_import_source_get_format (source) != RAPPORT_IMPORT_FORMAT_XLSX;

  if (!rapport_import_source_foreach_row (source, open_row_cb, result, cancellable, error))
    return NULL;

  if (result->headers == NULL || result->n_rows == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("This file has no rows to import"));
      return NULL;
    }

  return g_steal_pointer (&result);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportImportSource) source = NULL;
  g_autoptr (OpenResult) result = NULL;
  g_autoptr (GFileInfo) info = NULL;

  source = rapport_import_source_open (file, cancellable, &error);
  if (source == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = read_open_result (source, cancellable, &error);
  if (result == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  result->file_name = info != NULL ? g_strdup (g_file_info_get_display_name (info))
                                   : g_file_get_basename (file);
  result->file_size = info != NULL ? (guint64) g_file_info_get_size (info) : 0;
  result->source = g_steal_pointer (&source);
  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) open_result_free);
}

static void
clear_analysis (RapportImportJob *self)
{
  self->analysed = FALSE;
  g_ptr_array_set_size (self->rows, 0);
  self->n_rows = 0;
  self->n_customers = 0;
  self->n_contacts = 0;
}

static void
apply_open_result (RapportImportJob *self,
                   OpenResult       *result)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) mapping = NULL;

  g_clear_pointer (&self->source, rapport_import_source_free);
  self->source = g_steal_pointer (&result->source);
  g_clear_pointer (&self->headers, g_ptr_array_unref);
  self->headers = g_steal_pointer (&result->headers);
  g_clear_pointer (&self->preview, g_ptr_array_unref);
  self->preview = g_steal_pointer (&result->preview);
  g_clear_pointer (&self->preview_rows, g_array_unref);
  self->preview_rows = g_steal_pointer (&result->preview_rows);
  self->n_rows_read = result->counted ? result->n_rows : 0;
  if (result->file_size > 0)
    self->file_size = result->file_size;

  if (rapport_import_source_get_format (self->source) == RAPPORT_IMPORT_FORMAT_VCARD)
    {
      mapping = g_strdupv ((char **) rapport_import_source_vcard_fields ());
    }
  else
    {
      g_auto (GStrv) headers = NULL;

      for (guint i = 0; i < self->headers->len; i++)
        g_strv_builder_add (builder, g_ptr_array_index (self->headers, i));
      headers = g_strv_builder_end (builder);
      mapping = rapport_import_map_headers ((const char * const *) headers);
    }

  g_ptr_array_set_size (self->mapping, 0);
  for (guint i = 0; mapping[i] != NULL; i++)
    g_ptr_array_add (self->mapping, g_strdup (mapping[i]));

  clear_analysis (self);
  g_list_store_remove_all (self->problems);
  g_list_store_remove_all (self->duplicates);
  g_hash_table_remove_all (self->duplicate_by_row);
  g_hash_table_remove_all (self->fixes);
  g_hash_table_remove_all (self->actions);

  g_signal_emit (self, signals[MAPPING_CHANGED], 0);
}

/* Analyse: the rows, checked */

typedef struct
{
  RapportImportJob *job;
  Field            *fields;
  guint             n_columns;
  GPtrArray        *rows;
  GPtrArray        *problems;
  ProgressReporter  reporter;
  gboolean          header_seen;
} AnalyseRead;

static void
add_problem (AnalyseRead *read,
             guint        row,
             guint        column,
             const char  *value,
             const char  *message)
{
  RapportImportJob *job = read->job;
  const char *header = column < job->headers->len ? g_ptr_array_index (job->headers, column) : "";
  const char *field = read->fields[column] != FIELD_NONE ? field_keys[read->fields[column]] : "";
  g_autofree char *key = cell_key (row, column);
  RapportImportProblem *problem = _rapport_import_problem_new (row, column, header, field,
                                                               value, message);
  gpointer action;

  if (g_hash_table_lookup_extended (job->actions, key, NULL, &action))
    _rapport_import_problem_set_action (problem, GPOINTER_TO_UINT (action));
  g_ptr_array_add (read->problems, problem);
}

static gboolean
row_has_name (ImportRow *row,
              Field     *fields,
              guint      n_columns)
{
  for (guint i = 0; i < n_columns; i++)
    if (fields[i] == FIELD_CUSTOMER_NAME || fields[i] == FIELD_COMPANY
        || fields[i] == FIELD_CONTACT_NAME || fields[i] == FIELD_GIVEN_NAME
        || fields[i] == FIELD_FAMILY_NAME)
      /* A name that failed its rule is a problem of its own. */
      if (row->values[i] == NULL || row->values[i][0] != '\0')
        return TRUE;
  return FALSE;
}

/* How far reading has come: exact for text, estimated for a workbook from
 * its size (a zipped sheet takes some XLSX_BYTES_PER_ROW a row). */
#define XLSX_BYTES_PER_ROW 40

static double
estimate_read_share (RapportImportJob *job,
                     guint             n_read)
{
  double total = job->n_rows_read;

  if (total == 0)
    total = MAX (job->file_size / XLSX_BYTES_PER_ROW, 1);
  return MIN (n_read / total, 0.99);
}

static gboolean
analyse_row_cb (guint               row_number,
                const char * const *cells,
                guint               n_cells,
                gpointer            user_data,
                GError            **error)
{
  AnalyseRead *read = user_data;
  RapportImportJob *job = read->job;
  ImportRow *row;
  guint first_problem = read->problems->len;

  if (!read->header_seen)
    {
      read->header_seen = TRUE;
      return TRUE;
    }

  row = g_new0 (ImportRow, 1);
  row->row = row_number;
  row->n_values = read->n_columns;
  row->values = g_new0 (char *, read->n_columns);

  for (guint i = 0; i < read->n_columns; i++)
    {
      const char *raw = i < n_cells ? cells[i] : "";
      g_autofree char *key = NULL;
      const char *fixed;
      g_autoptr (GError) cell_error = NULL;

      if (read->fields[i] == FIELD_NONE)
        {
          row->values[i] = g_strdup ("");
          continue;
        }

      if (g_hash_table_size (job->fixes) > 0)
        {
          key = cell_key (row_number, i);
          fixed = g_hash_table_lookup (job->fixes, key);
        }
      else
        {
          fixed = NULL;
        }
      if (fixed != NULL)
        {
          /* Fixed before: checked when it was. */
          row->values[i] = check_cell (read->fields[i], fixed, job->country_code, NULL);
          add_problem (read, row_number, i, fixed, "");
          continue;
        }

      row->values[i] = check_cell (read->fields[i], raw, job->country_code, &cell_error);
      if (row->values[i] == NULL)
        add_problem (read, row_number, i, raw, cell_error->message);
    }

  if (!row_has_name (row, read->fields, read->n_columns))
    {
      RapportImportProblem *problem;
      g_autofree char *key = cell_key (row_number, G_MAXUINT);
      gpointer action;

      problem = _rapport_import_problem_new (row_number, 0, "", "", "",
                                             _("This row has no name: neither a customer’s nor a contact’s"));
      if (g_hash_table_lookup_extended (job->actions, key, NULL, &action))
        _rapport_import_problem_set_action (problem, GPOINTER_TO_UINT (action));
      g_ptr_array_insert (read->problems, first_problem, problem);
    }

  g_ptr_array_add (read->rows, row);
  report_progress (&read->reporter, READ_SHARE * estimate_read_share (job, read->rows->len), FALSE);

  return TRUE;
}

/* The problems of a fixed cell come back FIXED, with the fix as their value
 * and the message it had: restore those. */
static void
restore_fixed_problems (RapportImportJob *self,
                        GPtrArray        *problems)
{
  g_autoptr (GHashTable) messages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->problems));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportImportProblem) old = g_list_model_get_item (G_LIST_MODEL (self->problems), i);

      g_hash_table_insert (messages,
                           cell_key (rapport_import_problem_get_row (old),
                                     rapport_import_problem_get_column (old)),
                           g_strdup (rapport_import_problem_get_message (old)));
    }

  for (guint i = 0; i < problems->len; i++)
    {
      RapportImportProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *key = NULL;
      const char *message;

      if (rapport_import_problem_get_message (problem)[0] != '\0')
        continue;
      key = cell_key (rapport_import_problem_get_row (problem), rapport_import_problem_get_column (problem));
      message = g_hash_table_lookup (messages, key);
      g_ptr_array_index (problems, i) =
        _rapport_import_problem_new (rapport_import_problem_get_row (problem),
                                     rapport_import_problem_get_column (problem),
                                     rapport_import_problem_get_column_name (problem),
                                     rapport_import_problem_get_field (problem),
                                     rapport_import_problem_get_value (problem),
                                     message != NULL ? message : "");
      _rapport_import_problem_set_action (g_ptr_array_index (problems, i), RAPPORT_IMPORT_ACTION_FIXED);
      g_object_unref (problem);
    }
}

/* Building customers from rows */

static const char *
row_value (RapportImportJob *self,
           Field            *fields,
           ImportRow        *row,
           Field             field)
{
  for (guint i = 0; i < self->mapping->len; i++)
    if (fields[i] == field && row->values[i] != NULL && row->values[i][0] != '\0')
      return row->values[i];
  return NULL;
}

/* The values of every column of @field (several may map to phones). */
static void
row_add_list (RapportImportJob *self,
              Field            *fields,
              ImportRow        *row,
              Field             field,
              GPtrArray        *out)
{
  for (guint i = 0; i < self->mapping->len; i++)
    if (fields[i] == field && row->values[i] != NULL && row->values[i][0] != '\0')
      {
        g_auto (GStrv) values = g_strsplit (row->values[i], "\n", -1);

        for (guint j = 0; values[j] != NULL; j++)
          if (!g_ptr_array_find_with_equal_func (out, values[j], g_str_equal, NULL))
            g_ptr_array_add (out, g_strdup (values[j]));
      }
}

static char *
row_contact_name (RapportImportJob *self,
                  Field            *fields,
                  ImportRow        *row)
{
  const char *name = row_value (self, fields, row, FIELD_CONTACT_NAME);
  const char *given;
  const char *family;

  if (name != NULL)
    return g_strdup (name);
  given = row_value (self, fields, row, FIELD_GIVEN_NAME);
  family = row_value (self, fields, row, FIELD_FAMILY_NAME);
  if (given == NULL && family == NULL)
    return NULL;
  return rapport_import_join_name (given, family);
}

/* The customer's name of a row: its customer name or company; a person's
 * own name when it has neither (then it has no contact). */
static const char *
row_customer_name (RapportImportJob *self,
                   Field            *fields,
                   ImportRow        *row)
{
  const char *name = row_value (self, fields, row, FIELD_CUSTOMER_NAME);

  return name != NULL ? name : row_value (self, fields, row, FIELD_COMPANY);
}

/* The key of the row's customer name (a person's own name when it has no
 * customer name); NULL when it has no name at all. */
static const char *
row_name_key (RapportImportJob *self,
              Field            *fields,
              ImportRow        *row)
{
  if (row->name_key == NULL)
    {
      const char *name = row_customer_name (self, fields, row);
      g_autofree char *contact_name = NULL;

      if (name == NULL)
        name = contact_name = row_contact_name (self, fields, row);
      if (name == NULL)
        return NULL;
      row->name_key = rapport_name_normalize_for_match (name);
    }
  return row->name_key;
}

static const char *
row_contact_key (RapportImportJob *self,
                 Field            *fields,
                 ImportRow        *row)
{
  if (row->contact_key == NULL)
    {
      g_autofree char *contact_name = row_contact_name (self, fields, row);

      if (contact_name == NULL)
        return NULL;
      row->contact_key = rapport_name_normalize_for_match (contact_name);
    }
  return row->contact_key;
}

/* The customer's @field set to @value when it is empty. */
#define SET_IF_EMPTY(customer, field, value) \
  G_STMT_START { \
    const char *set_value_ = (value); \
    const char *current_ = rapport_customer_get_##field (customer); \
    if (set_value_ != NULL && (current_ == NULL || current_[0] == '\0')) \
      rapport_customer_set_##field (customer, set_value_); \
  } G_STMT_END

static GStrv
ptr_array_to_strv (GPtrArray *values)
{
  GStrv strv = g_new0 (char *, values->len + 1);

  for (guint i = 0; i < values->len; i++)
    strv[i] = g_strdup (g_ptr_array_index (values, i));
  return strv;
}

static void
add_strv (GPtrArray          *out,
          const char * const *values)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (out, values[i], g_str_equal, NULL))
      g_ptr_array_add (out, g_strdup (values[i]));
}

/* The customer and contacts rows @indices (of self->rows) make. */
static RapportCustomer *
build_customer (RapportImportJob  *self,
                Field             *fields,
                GArray            *indices,
                GPtrArray        **out_contacts)
{
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();
  g_autoptr (GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GHashTable) contact_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) phones = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) emails = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  gboolean person = FALSE;

  for (guint i = 0; i < indices->len; i++)
    {
      ImportRow *row = g_ptr_array_index (self->rows, g_array_index (indices, guint, i));
      const char *customer_name = row_customer_name (self, fields, row);
      g_autofree char *contact_name = row_contact_name (self, fields, row);
      const char *birthday = row_value (self, fields, row, FIELD_BIRTHDAY);
      const char *lunar_birthday = row_value (self, fields, row, FIELD_LUNAR_BIRTHDAY);
      g_autoptr (GPtrArray) row_phones = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GPtrArray) row_emails = g_ptr_array_new_with_free_func (g_free);

      if (i == 0)
        {
          person = customer_name == NULL;
          rapport_customer_set_name (customer, person ? contact_name : customer_name);
          rapport_customer_set_kind (customer, person ? RAPPORT_CUSTOMER_KIND_PERSON
                                                      : RAPPORT_CUSTOMER_KIND_COMPANY);
        }
      SET_IF_EMPTY (customer, code, row_value (self, fields, row, FIELD_CODE));
      SET_IF_EMPTY (customer, address, row_value (self, fields, row, FIELD_ADDRESS));
      SET_IF_EMPTY (customer, region, row_value (self, fields, row, FIELD_REGION));
      SET_IF_EMPTY (customer, industry, row_value (self, fields, row, FIELD_INDUSTRY));
      SET_IF_EMPTY (customer, source, row_value (self, fields, row, FIELD_SOURCE));
      SET_IF_EMPTY (customer, website, row_value (self, fields, row, FIELD_WEBSITE));
      SET_IF_EMPTY (customer, notes, row_value (self, fields, row, FIELD_NOTES));
      row_add_list (self, fields, row, FIELD_TAGS, tags);
      row_add_list (self, fields, row, FIELD_MOBILE, row_phones);
      row_add_list (self, fields, row, FIELD_PHONE, row_phones);
      row_add_list (self, fields, row, FIELD_EMAIL, row_emails);

      if (person || contact_name == NULL)
        {
          add_strv (phones, (const char * const *) row_phones->pdata);
          g_ptr_array_add (row_phones, NULL);
          g_ptr_array_add (row_emails, NULL);
          add_strv (phones, (const char * const *) row_phones->pdata);
          add_strv (emails, (const char * const *) row_emails->pdata);
          if (rapport_customer_get_birthday (customer) == NULL && (birthday != NULL || lunar_birthday != NULL))
            {
              rapport_customer_set_birthday (customer, birthday != NULL ? birthday : lunar_birthday);
              rapport_customer_set_birthday_lunar (customer, birthday == NULL);
            }
        }
      else
        {
          const char *key = row_contact_key (self, fields, row);
          RapportContact *contact = g_hash_table_lookup (contact_by_key, key);
          g_autoptr (GPtrArray) contact_phones = g_ptr_array_new_with_free_func (g_free);
          g_autoptr (GPtrArray) contact_emails = g_ptr_array_new_with_free_func (g_free);
          g_auto (GStrv) phone_strv = NULL;
          g_auto (GStrv) email_strv = NULL;

          if (contact == NULL)
            {
              contact = rapport_contact_new ();
              rapport_contact_set_name (contact, contact_name);
              rapport_contact_set_is_primary (contact, contacts->len == 0);
              g_ptr_array_add (contacts, contact);
              g_hash_table_insert (contact_by_key, g_strdup (key), contact);
            }
          if (rapport_contact_get_title (contact) == NULL)
            rapport_contact_set_title (contact, row_value (self, fields, row, FIELD_CONTACT_TITLE));
          if (rapport_contact_get_birthday (contact) == NULL && (birthday != NULL || lunar_birthday != NULL))
            {
              rapport_contact_set_birthday (contact, birthday != NULL ? birthday : lunar_birthday);
              rapport_contact_set_birthday_lunar (contact, birthday == NULL);
            }
          add_strv (contact_phones, rapport_contact_get_phones (contact));
          add_strv (contact_emails, rapport_contact_get_emails (contact));
          g_ptr_array_add (row_phones, NULL);
          g_ptr_array_add (row_emails, NULL);
          add_strv (contact_phones, (const char * const *) row_phones->pdata);
          add_strv (contact_emails, (const char * const *) row_emails->pdata);
          phone_strv = ptr_array_to_strv (contact_phones);
          email_strv = ptr_array_to_strv (contact_emails);
          rapport_contact_set_phones (contact, (const char * const *) phone_strv);
          rapport_contact_set_emails (contact, (const char * const *) email_strv);
        }
    }

  {
    g_auto (GStrv) phone_strv = ptr_array_to_strv (phones);
    g_auto (GStrv) email_strv = ptr_array_to_strv (emails);
    g_auto (GStrv) tag_strv = ptr_array_to_strv (tags);

    rapport_customer_set_phones (customer, (const char * const *) phone_strv);
    rapport_customer_set_emails (customer, (const char * const *) email_strv);
    rapport_customer_set_tags (customer, (const char * const *) tag_strv);
  }

  if (out_contacts != NULL)
    *out_contacts = g_steal_pointer (&contacts);
  return g_steal_pointer (&customer);
}

/* Every phone and e-mail of a customer and its contacts. */
static void
collect_addresses (RapportCustomer *customer,
                   GPtrArray       *contacts,
                   GPtrArray       *phones,
                   GPtrArray       *emails)
{
  add_strv (phones, rapport_customer_get_phones (customer));
  add_strv (emails, rapport_customer_get_emails (customer));
  for (guint i = 0; i < contacts->len; i++)
    {
      add_strv (phones, rapport_contact_get_phones (g_ptr_array_index (contacts, i)));
      add_strv (emails, rapport_contact_get_emails (g_ptr_array_index (contacts, i)));
    }
}

/* Whether the row is left out: a whole-row problem (unresolved rows never
 * reach run) or SKIP_ROW on any of its cells. */
static gboolean
row_is_skipped (RapportImportJob *self,
                ImportRow        *row)
{
  if (g_hash_table_size (self->actions) == 0)
    return FALSE;

  for (guint i = 0; i <= self->mapping->len; i++)
    {
      g_autofree char *key = cell_key (row->row, i == self->mapping->len ? G_MAXUINT : i);
      gpointer action;

      if (g_hash_table_lookup_extended (self->actions, key, NULL, &action)
          && GPOINTER_TO_UINT (action) == RAPPORT_IMPORT_ACTION_SKIP_ROW)
        return TRUE;
    }
  return FALSE;
}

/* The rows into customers: by code, else by name (see the top). A row whose
 * code is known under another name starts a group of its own, as does a row
 * whose name is known under another code: those are duplicates within the
 * file. Rows with no name at all are left out (and counted as skipped). */
static GPtrArray *
group_rows (RapportImportJob *self,
            Field            *fields,
            gboolean          skip_skipped,
            guint            *out_n_skipped)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) import_group_free);
  g_autoptr (GHashTable) by_code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) by_code_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) coded = g_hash_table_new (g_direct_hash, g_direct_equal);
  guint n_skipped = 0;

  for (guint i = 0; i < self->rows->len; i++)
    {
      ImportRow *row = g_ptr_array_index (self->rows, i);
      const char *code = row_value (self, fields, row, FIELD_CODE);
      const char *name_key;
      g_autofree char *code_name_key = NULL;
      ImportGroup *group = NULL;

      if (skip_skipped && row_is_skipped (self, row))
        {
          n_skipped++;
          continue;
        }
      name_key = row_name_key (self, fields, row);
      if (name_key == NULL)
        {
          n_skipped++;
          continue;
        }

      if (code != NULL)
        {
          code_name_key = g_strconcat (code, "\n", name_key, NULL);
          group = g_hash_table_lookup (by_code_name, code_name_key);
          if (group == NULL && !g_hash_table_contains (by_code, code))
            {
              /* The same name seen without a code: this row gives it one. */
              ImportGroup *named = g_hash_table_lookup (by_name, name_key);

              if (named != NULL && !g_hash_table_contains (coded, named))
                group = named;
            }
        }
      else
        {
          group = g_hash_table_lookup (by_name, name_key);
        }

      if (group == NULL)
        {
          group = g_new0 (ImportGroup, 1);
          if (code == NULL)
            group->key = g_strconcat ("n:", name_key, NULL);
          else if (g_hash_table_contains (by_code, code))
            group->key = g_strconcat ("c:", code_name_key, NULL);
          else
            group->key = g_strconcat ("c:", code, NULL);
          group->rows = g_array_new (FALSE, FALSE, sizeof (guint));
          group->first_row = row->row;
          g_ptr_array_add (groups, group);
          if (!g_hash_table_contains (by_name, name_key))
            g_hash_table_insert (by_name, g_strdup (name_key), group);
        }
      if (code != NULL)
        {
          g_hash_table_add (coded, group);
          if (!g_hash_table_contains (by_code, code))
            g_hash_table_insert (by_code, g_strdup (code), group);
          if (!g_hash_table_contains (by_code_name, code_name_key))
            g_hash_table_insert (by_code_name, g_strdup (code_name_key), group);
        }
      g_array_append_val (group->rows, i);
    }

  if (out_n_skipped != NULL)
    *out_n_skipped = n_skipped;
  return groups;
}

static char *
format_rows (RapportImportJob *self,
             GArray           *indices)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < indices->len; i++)
    {
      ImportRow *row = g_ptr_array_index (self->rows, g_array_index (indices, guint, i));

      if (i > 0)
        g_string_append (text, ", ");
      if (i == 10)
        {
          g_string_append (text, "…");
          break;
        }
      g_string_append_printf (text, "%u", row->row);
    }

  return g_string_free (text, FALSE);
}

static char *
describe_match (RapportMatchReason  reason,
                const char         *code,
                const char         *phone,
                const char         *email,
                const char         *country_code,
                guint               earlier_row)
{
  g_autofree char *shown = NULL;

  switch (reason)
    {
    case RAPPORT_MATCH_CODE:
      return g_strdup_printf (_("Same customer code: %s"), code);
    case RAPPORT_MATCH_PHONE:
      shown = rapport_phone_format (phone, country_code);
      if (earlier_row > 0)
        return g_strdup_printf (_("Same phone number as row %u: %s"), earlier_row, shown);
      return g_strdup_printf (_("Same phone number: %s"), shown);
    case RAPPORT_MATCH_EMAIL:
      if (earlier_row > 0)
        return g_strdup_printf (_("Same e-mail as row %u: %s"), earlier_row, email);
      return g_strdup_printf (_("Same e-mail: %s"), email);
    case RAPPORT_MATCH_NAME:
      if (earlier_row > 0)
        return g_strdup_printf (_("Same name as row %u"), earlier_row);
      return g_strdup (_("Same name"));
    case RAPPORT_MATCH_NONE:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The stored customer's non-empty fields that differ from @incoming's. */
static void
add_conflicts (RapportImportDuplicate *duplicate,
               RapportCustomer        *stored,
               RapportCustomer        *incoming)
{
  static const struct { const char *field; const char *property; } compared[] = {
    { "customer-name", "name" },
    { "code", "code" },
    { "address", "address" },
    { "region", "region" },
    { "industry", "industry" },
    { "source", "source" },
    { "website", "website" },
    { "birthday", "birthday" },
    { "notes", "notes" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (compared); i++)
    {
      g_autofree char *old = NULL;
      g_autofree char *new = NULL;

      g_object_get (stored, compared[i].property, &old, NULL);
      g_object_get (incoming, compared[i].property, &new, NULL);
      if (old == NULL || old[0] == '\0' || new == NULL || new[0] == '\0')
        continue;
      if (i == 0)
        {
          g_autofree char *old_key = rapport_name_normalize_for_match (old);
          g_autofree char *new_key = rapport_name_normalize_for_match (new);

          if (g_strcmp0 (old_key, new_key) == 0)
            continue;
        }
      else if (g_strcmp0 (old, new) == 0 || (i == 1 && g_ascii_strcasecmp (old, new) == 0))
        {
          continue;
        }
      _rapport_import_duplicate_add_conflict (duplicate, compared[i].field, old, new);
    }
}

/* Against the book: a duplicate for @customer, or NULL. */
static RapportImportDuplicate *
match_against_book (RapportImportJob  *self,
                    RapportDatabase   *db,
                    RapportCustomer   *customer,
                    GPtrArray         *contacts,
                    const char        *rows,
                    GError           **error)
{
  g_autoptr (GPtrArray) phones = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) emails = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (RapportCustomer) stored = NULL;
  g_autofree char *reason_text = NULL;
  RapportMatchReason reason = RAPPORT_MATCH_NONE;
  const char *phone = NULL;
  const char *email = NULL;
  gint64 contact_id = 0;
  gint64 id;
  RapportImportDuplicate *duplicate;

  collect_addresses (customer, contacts, phones, emails);
  g_ptr_array_add (phones, NULL);
  g_ptr_array_add (emails, NULL);
  id = rapport_store_match_customer (db, rapport_customer_get_code (customer),
                                     rapport_customer_get_name (customer),
                                     (const char * const *) phones->pdata,
                                     (const char * const *) emails->pdata,
                                     &reason, &contact_id, error);
  if (id <= 0)
    return NULL;

  stored = rapport_store_get_customer (db, id, error);
  if (stored == NULL)
    return NULL;

  /* Which of ours it shares, to show it. */
  if (reason == RAPPORT_MATCH_PHONE || reason == RAPPORT_MATCH_EMAIL)
    {
      g_autoptr (GPtrArray) stored_phones = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GPtrArray) stored_emails = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GListModel) stored_contacts = rapport_store_list_contacts (db, id, NULL);

      add_strv (stored_phones, rapport_customer_get_phones (stored));
      add_strv (stored_emails, rapport_customer_get_emails (stored));
      for (guint i = 0; stored_contacts != NULL && i < g_list_model_get_n_items (stored_contacts); i++)
        {
          g_autoptr (RapportContact) contact = g_list_model_get_item (stored_contacts, i);

          add_strv (stored_phones, rapport_contact_get_phones (contact));
          add_strv (stored_emails, rapport_contact_get_emails (contact));
        }
      for (guint i = 0; phone == NULL && phones->pdata[i] != NULL; i++)
        if (g_ptr_array_find_with_equal_func (stored_phones, phones->pdata[i], g_str_equal, NULL))
          phone = phones->pdata[i];
      for (guint i = 0; email == NULL && emails->pdata[i] != NULL; i++)
        if (g_ptr_array_find_with_equal_func (stored_emails, emails->pdata[i], g_str_equal, NULL))
          email = emails->pdata[i];
      if (phone == NULL)
        phone = phones->pdata[0];
      if (email == NULL)
        email = emails->pdata[0];
    }

  reason_text = describe_match (reason, rapport_customer_get_code (stored), phone, email,
                                self->country_code, 0);
  duplicate = _rapport_import_duplicate_new (rapport_customer_get_name (customer), rows, id,
                                             rapport_customer_get_name (stored), reason_text, FALSE);
  add_conflicts (duplicate, stored, customer);
  return duplicate;
}

typedef struct
{
  GPtrArray *rows;
  GPtrArray *problems;
  GPtrArray *duplicates;   /* RapportImportDuplicate, by first row */
  GArray    *duplicate_rows;
  GPtrArray *group_keys;    /* char *: the groups the analysis saw */
  guint      n_customers;
  guint      n_contacts;
} AnalyseResult;

static void
analyse_result_free (AnalyseResult *result)
{
  g_clear_pointer (&result->rows, g_ptr_array_unref);
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_clear_pointer (&result->duplicates, g_ptr_array_unref);
  g_clear_pointer (&result->duplicate_rows, g_array_unref);
  g_clear_pointer (&result->group_keys, g_ptr_array_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnalyseResult, analyse_result_free)

typedef struct
{
  RapportDatabase *db;
} StepData;

static void
step_data_free (StepData *data)
{
  g_clear_object (&data->db);
  g_free (data);
}

/* In-file duplicates of @group among the earlier ones; NULL when none. */
static RapportImportDuplicate *
match_in_file (RapportImportJob *self,
               Field            *fields,
               GPtrArray        *groups,
               guint             index,
               RapportCustomer  *customer,
               GPtrArray        *contacts,
               GHashTable       *group_by_phone,
               GHashTable       *group_by_email,
               GHashTable       *group_by_name,
               GHashTable       *group_by_code,
               ImportGroup     **out_earlier)
{
  ImportGroup *group = g_ptr_array_index (groups, index);
  g_autoptr (GPtrArray) phones = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) emails = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *name_key = rapport_name_normalize_for_match (rapport_customer_get_name (customer));
  const char *code = rapport_customer_get_code (customer);
  ImportGroup *earlier = NULL;
  RapportMatchReason reason = RAPPORT_MATCH_NONE;
  const char *phone = NULL;
  const char *email = NULL;

  collect_addresses (customer, contacts, phones, emails);

  if (code != NULL && code[0] != '\0' && (earlier = g_hash_table_lookup (group_by_code, code)) != NULL)
    reason = RAPPORT_MATCH_CODE;
  for (guint i = 0; earlier == NULL && i < phones->len; i++)
    if ((earlier = g_hash_table_lookup (group_by_phone, g_ptr_array_index (phones, i))) != NULL)
      {
        reason = RAPPORT_MATCH_PHONE;
        phone = g_ptr_array_index (phones, i);
      }
  for (guint i = 0; earlier == NULL && i < emails->len; i++)
    if ((earlier = g_hash_table_lookup (group_by_email, g_ptr_array_index (emails, i))) != NULL)
      {
        reason = RAPPORT_MATCH_EMAIL;
        email = g_ptr_array_index (emails, i);
      }
  if (earlier == NULL && (earlier = g_hash_table_lookup (group_by_name, name_key)) != NULL)
    reason = RAPPORT_MATCH_NAME;

  /* Remember this one's for the later groups. */
  if (code != NULL && code[0] != '\0' && !g_hash_table_contains (group_by_code, code))
    g_hash_table_insert (group_by_code, g_strdup (code), group);
  for (guint i = 0; i < phones->len; i++)
    if (!g_hash_table_contains (group_by_phone, g_ptr_array_index (phones, i)))
      g_hash_table_insert (group_by_phone, g_strdup (g_ptr_array_index (phones, i)), group);
  for (guint i = 0; i < emails->len; i++)
    if (!g_hash_table_contains (group_by_email, g_ptr_array_index (emails, i)))
      g_hash_table_insert (group_by_email, g_strdup (g_ptr_array_index (emails, i)), group);
  if (!g_hash_table_contains (group_by_name, name_key))
    g_hash_table_insert (group_by_name, g_strdup (name_key), group);

  if (earlier == NULL)
    return NULL;

  if (out_earlier != NULL)
    *out_earlier = earlier;
  {
    ImportRow *earlier_row = g_ptr_array_index (self->rows, g_array_index (earlier->rows, guint, 0));
    g_autoptr (RapportCustomer) earlier_customer = build_customer (self, fields, earlier->rows, NULL);
    g_autofree char *rows = format_rows (self, group->rows);
    g_autofree char *reason_text = describe_match (reason, code, phone, email, self->country_code,
                                                   earlier_row->row);

    return _rapport_import_duplicate_new (rapport_customer_get_name (customer), rows, 0,
                                          rapport_customer_get_name (earlier_customer),
                                          reason_text, reason == RAPPORT_MATCH_CODE);
  }
}

static gboolean
find_duplicates (RapportImportJob  *self,
                 RapportDatabase   *db,
                 Field             *fields,
                 AnalyseResult     *result,
                 ProgressReporter  *reporter,
                 GCancellable      *cancellable,
                 GError           **error)
{
  g_autoptr (GPtrArray) groups = group_rows (self, fields, FALSE, NULL);
  g_autoptr (GHashTable) by_phone = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) by_email = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) by_code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  result->n_customers = groups->len;
  for (guint i = 0; i < groups->len; i++)
    {
      ImportGroup *group = g_ptr_array_index (groups, i);
      g_autoptr (GPtrArray) contacts = NULL;
      g_autoptr (RapportCustomer) customer = build_customer (self, fields, group->rows, &contacts);
      RapportImportDuplicate *duplicate;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      result->n_contacts += contacts->len;
      duplicate = match_in_file (self, fields, groups, i, customer, contacts,
                                 by_phone, by_email, by_name, by_code, NULL);
      if (duplicate == NULL)
        {
          g_autoptr (GError) match_error = NULL;
          g_autofree char *rows = format_rows (self, group->rows);

          duplicate = match_against_book (self, db, customer, contacts, rows, &match_error);
          if (match_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&match_error));
              return FALSE;
            }
        }
      if (duplicate != NULL)
        {
          g_ptr_array_add (result->duplicates, duplicate);
          g_array_append_val (result->duplicate_rows, group->first_row);
        }
      g_ptr_array_add (result->group_keys, g_strdup (group->key));

      report_progress (reporter, READ_SHARE + (1.0 - READ_SHARE) * (i + 1) / groups->len, FALSE);
    }

  return TRUE;
}

static void
analyse_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RapportImportJob *self = source_object;
  StepData *data = task_data;
  g_autoptr (AnalyseResult) result = g_new0 (AnalyseResult, 1);
  g_autoptr (GError) error = NULL;
  g_autofree Field *fields = dup_column_fields (self);
  g_autoptr (GPtrArray) previous_rows = NULL;
  AnalyseRead read = { 0 };

  read.job = self;
  read.fields = fields;
  read.n_columns = self->mapping->len;
  read.rows = g_ptr_array_new_with_free_func ((GDestroyNotify) import_row_free);
  read.problems = g_ptr_array_new_with_free_func (g_object_unref);
  read.reporter.job = self;
  result->rows = read.rows;
  result->problems = read.problems;
  result->duplicates = g_ptr_array_new_with_free_func (g_object_unref);
  result->duplicate_rows = g_array_new (FALSE, FALSE, sizeof (guint));
  result->group_keys = g_ptr_array_new_with_free_func (g_free);

  if (!rapport_import_source_foreach_row (self->source, analyse_row_cb, &read, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The duplicates are found on the new rows: the job's rows are not in
   * use by anyone else while a step runs. */
  previous_rows = g_steal_pointer (&self->rows);
  self->rows = result->rows;
  if (!find_duplicates (self, data->db, fields, result, &read.reporter, cancellable, &error))
    {
      self->rows = g_steal_pointer (&previous_rows);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  self->rows = g_steal_pointer (&previous_rows);

  report_progress (&read.reporter, 1.0, TRUE);
  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) analyse_result_free);
}

static void
apply_analyse_result (RapportImportJob *self,
                      AnalyseResult    *result)
{
  g_autoptr (GHashTable) previous = g_steal_pointer (&self->duplicate_by_row);

  restore_fixed_problems (self, result->problems);

  g_ptr_array_unref (self->rows);
  self->rows = g_steal_pointer (&result->rows);
  self->n_rows = self->rows->len;
  self->n_customers = result->n_customers;
  self->n_contacts = result->n_contacts;

  g_hash_table_remove_all (self->analysed_keys);
  for (guint i = 0; i < result->group_keys->len; i++)
    g_hash_table_add (self->analysed_keys, g_strdup (g_ptr_array_index (result->group_keys, i)));

  self->duplicate_by_row = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
  for (guint i = 0; i < result->duplicates->len; i++)
    {
      RapportImportDuplicate *duplicate = g_ptr_array_index (result->duplicates, i);
      guint first_row = g_array_index (result->duplicate_rows, guint, i);
      RapportImportDuplicate *old = g_hash_table_lookup (previous, GUINT_TO_POINTER (first_row));

      if (old != NULL && rapport_import_duplicate_get_existing_id (old)
                         == rapport_import_duplicate_get_existing_id (duplicate))
        _rapport_import_duplicate_copy_choices (duplicate, old);
      g_hash_table_insert (self->duplicate_by_row, GUINT_TO_POINTER (first_row),
                           g_object_ref (duplicate));
    }

  g_list_store_splice (self->problems, 0, g_list_model_get_n_items (G_LIST_MODEL (self->problems)),
                       result->problems->pdata, result->problems->len);
  g_list_store_splice (self->duplicates, 0, g_list_model_get_n_items (G_LIST_MODEL (self->duplicates)),
                       result->duplicates->pdata, result->duplicates->len);
  self->analysed = TRUE;
}

/* Run */

/* What one customer of the file becomes. */
typedef struct
{
  GArray *rows;          /* indices into the job's rows, folded ones included */
  gint64  existing_id;   /* merge into this one of the book, 0 to create */
  GStrv   overwrite;
  gboolean drop_code;
} WriteUnit;

static void
write_unit_free (WriteUnit *unit)
{
  g_array_unref (unit->rows);
  g_strfreev (unit->overwrite);
  g_free (unit);
}

typedef struct
{
  guint n_created;
  guint n_merged;
  guint n_skipped;
  gint64 import_id;
} RunResult;

/* Decides each group's fate: created, merged into the book, folded into an
 * earlier group of the file, or skipped. Groups the analysis did not see are
 * matched against the book now. */
static GPtrArray *
plan_units (RapportImportJob  *self,
            RapportDatabase   *db,
            Field             *fields,
            guint             *n_skipped,
            GError           **error)
{
  g_autoptr (GPtrArray) groups = group_rows (self, fields, TRUE, n_skipped);
  g_autoptr (GPtrArray) units = g_ptr_array_new_with_free_func ((GDestroyNotify) write_unit_free);
  g_autoptr (GHashTable) unit_by_group = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr (GHashTable) group_by_phone = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) group_by_email = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) group_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) group_by_code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < groups->len; i++)
    {
      ImportGroup *group = g_ptr_array_index (groups, i);
      RapportImportDuplicate *duplicate = g_hash_table_lookup (self->duplicate_by_row,
                                                               GUINT_TO_POINTER (group->first_row));
      g_autoptr (RapportImportDuplicate) in_file = NULL;
      g_autoptr (RapportImportDuplicate) in_book = NULL;
      g_autoptr (GPtrArray) contacts = NULL;
      g_autoptr (RapportCustomer) customer = build_customer (self, fields, group->rows, &contacts);
      ImportGroup *earlier = NULL;
      RapportImportDecision decision;
      WriteUnit *unit;

      /* The links within the file, found again: skipped rows change them. */
      in_file = match_in_file (self, fields, groups, i, customer, contacts, group_by_phone,
                               group_by_email, group_by_name, group_by_code, &earlier);
      if (in_file != NULL)
        {
          /* The user's choice for it, when the analysis saw it so. */
          if (duplicate != NULL && rapport_import_duplicate_get_existing_id (duplicate) == 0)
            _rapport_import_duplicate_copy_choices (in_file, duplicate);
          duplicate = in_file;
        }
      else if (duplicate != NULL && rapport_import_duplicate_get_existing_id (duplicate) == 0)
        {
          duplicate = NULL;
        }

      if (duplicate == NULL && (in_file != NULL || !g_hash_table_contains (self->analysed_keys, group->key)
                                || g_hash_table_contains (self->duplicate_by_row, GUINT_TO_POINTER (group->first_row))))
        {
          g_autofree char *rows = format_rows (self, group->rows);
          g_autoptr (GError) match_error = NULL;

          in_book = match_against_book (self, db, customer, contacts, rows, &match_error);
          if (match_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&match_error));
              return NULL;
            }
          duplicate = in_book;
        }

      decision = duplicate != NULL ? rapport_import_duplicate_get_decision (duplicate)
                                   : RAPPORT_IMPORT_DECISION_CREATE;
      if (decision == RAPPORT_IMPORT_DECISION_SKIP)
        {
          *n_skipped += group->rows->len;
          continue;
        }

      if (duplicate == in_file && in_file != NULL && decision == RAPPORT_IMPORT_DECISION_MERGE)
        {
          WriteUnit *target = g_hash_table_lookup (unit_by_group, earlier);

          if (target == NULL)
            {
              /* The customer it repeats was skipped: so is this one. */
              *n_skipped += group->rows->len;
              continue;
            }
          g_array_append_vals (target->rows, group->rows->data, group->rows->len);
          g_hash_table_insert (unit_by_group, group, target);
          continue;
        }

      unit = g_new0 (WriteUnit, 1);
      unit->rows = g_array_copy (group->rows);
      if (duplicate != NULL && rapport_import_duplicate_get_existing_id (duplicate) > 0
          && decision == RAPPORT_IMPORT_DECISION_MERGE)
        {
          unit->existing_id = rapport_import_duplicate_get_existing_id (duplicate);
          unit->overwrite = _rapport_import_duplicate_dup_overwrite (duplicate);
        }
      else if (duplicate != NULL)
        {
          /* Created anyway: a code the book or an earlier row has would be
           * refused; the new customer gets a code proposed. */
          unit->drop_code = TRUE;
        }
      g_ptr_array_add (units, unit);
      g_hash_table_insert (unit_by_group, group, unit);
    }

  return g_steal_pointer (&units);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RapportImportJob *self = source_object;
  StepData *data = task_data;
  g_autoptr (GError) error = NULL;
  g_autofree Field *fields = dup_column_fields (self);
  g_autoptr (GPtrArray) units = NULL;
  g_autoptr (RapportImportWriter) writer = NULL;
  ProgressReporter reporter = { self, 0 };
  RunResult *result = g_new0 (RunResult, 1);

  units = plan_units (self, data->db, fields, &result->n_skipped, &error);
  if (units == NULL)
    {
      g_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  writer = rapport_import_writer_begin (data->db, self->file_name,
                                        rapport_import_format_to_string (rapport_import_source_get_format (self->source)),
                                        &error);
  if (writer == NULL)
    {
      g_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < units->len; i++)
    {
      WriteUnit *unit = g_ptr_array_index (units, i);
      g_autoptr (GPtrArray) contacts = NULL;
      g_autoptr (RapportCustomer) customer = build_customer (self, fields, unit->rows, &contacts);
      gboolean ok;

      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          g_free (result);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      if (unit->existing_id > 0)
        {
          ok = rapport_import_writer_merge_customer (writer, unit->existing_id, customer, contacts,
                                                     (const char * const *) unit->overwrite, &error);
          result->n_merged++;
        }
      else
        {
          if (unit->drop_code)
            rapport_customer_set_code (customer, NULL);
          ok = rapport_import_writer_add_customer (writer, customer, contacts, &error);
          result->n_created++;
        }
      if (!ok)
        {
          g_free (result);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      report_progress (&reporter, (double) (i + 1) / (units->len + 1), FALSE);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  rapport_import_writer_add_skipped (writer, result->n_skipped);
  result->import_id = rapport_import_writer_commit (writer, &error);
  if (result->import_id <= 0)
    {
      g_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  report_progress (&reporter, 1.0, TRUE);
  g_task_return_pointer (task, result, g_free);
}

/* GObject */

static void
rapport_import_job_finalize (GObject *object)
{
  RapportImportJob *self = RAPPORT_IMPORT_JOB (object);

  g_clear_object (&self->session);
  g_clear_object (&self->file);
  g_free (self->file_name);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->country_code);
  g_clear_pointer (&self->source, rapport_import_source_free);
  g_clear_pointer (&self->headers, g_ptr_array_unref);
  g_clear_pointer (&self->mapping, g_ptr_array_unref);
  g_clear_pointer (&self->preview, g_ptr_array_unref);
  g_clear_pointer (&self->preview_rows, g_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->problems);
  g_clear_object (&self->duplicates);
  g_clear_pointer (&self->duplicate_by_row, g_hash_table_unref);
  g_clear_pointer (&self->analysed_keys, g_hash_table_unref);
  g_clear_pointer (&self->fixes, g_hash_table_unref);
  g_clear_pointer (&self->actions, g_hash_table_unref);

  G_OBJECT_CLASS (rapport_import_job_parent_class)->finalize (object);
}

static void
rapport_import_job_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RapportImportJob *self = RAPPORT_IMPORT_JOB (object);

  switch (prop_id)
    {
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_import_job_class_init (RapportImportJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_import_job_finalize;
  object_class->get_property = rapport_import_job_get_property;

  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[MAPPING_CHANGED] = g_signal_new ("mapping-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);
}

static void
rapport_import_job_init (RapportImportJob *self)
{
  self->mapping = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) import_row_free);
  self->problems = g_list_store_new (RAPPORT_TYPE_IMPORT_PROBLEM);
  self->duplicates = g_list_store_new (RAPPORT_TYPE_IMPORT_DUPLICATE);
  self->duplicate_by_row = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
  self->analysed_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->fixes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->actions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
_rapport_import_job_set_progress_hook (RapportImportJob          *self,
                                       RapportImportProgressHook  hook,
                                       gpointer                   user_data)
{
  self->progress_hook = hook;
  self->progress_hook_data = user_data;
}

/* Step 1: open */

static void
open_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  RapportImportJob *self = g_task_get_task_data (task);
  g_autoptr (OpenResult) open_result = NULL;
  g_autoptr (GError) error = NULL;

  open_result = g_task_propagate_pointer (G_TASK (result), &error);
  if (open_result == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->file_name = g_steal_pointer (&open_result->file_name);
  apply_open_result (self, open_result);
  g_task_return_pointer (task, g_object_ref (self), g_object_unref);
}

void
rapport_import_job_open_async (RapportSession      *session,
                               GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GTask) inner = NULL;
  RapportImportJob *self;

  g_return_if_fail (RAPPORT_IS_SESSION (session));
  g_return_if_fail (G_IS_FILE (file));

  self = g_object_new (RAPPORT_TYPE_IMPORT_JOB, NULL);
  self->session = g_object_ref (session);
  self->file = g_object_ref (file);
  self->context = g_main_context_ref_thread_default ();
  self->country_code = g_strdup (rapport_session_get_default_country_code (session));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_import_job_open_async);
  g_task_set_task_data (task, self, g_object_unref);

  inner = g_task_new (NULL, cancellable, open_done_cb, g_steal_pointer (&task));
  g_task_set_task_data (inner, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (inner, open_thread);
}

RapportImportJob *
rapport_import_job_open_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rapport_import_job_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

RapportSession *
rapport_import_job_get_session (RapportImportJob *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_JOB (self), NULL);
  return self->session;
}

GFile *
rapport_import_job_get_file (RapportImportJob *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_JOB (self), NULL);
  return self->file;
}

const char *
rapport_import_job_get_file_name (RapportImportJob *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_JOB (self), NULL);
  return self->file_name;
}

RapportImportFormat
rapport_import_job_get_format (RapportImportJob *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_JOB (self), RAPPORT_IMPORT_FORMAT_CSV);
  return rapport_import_source_get_format (self->source);
}

RapportEncoding
rapport_import_job_get_encoding (RapportImportJob *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_JOB (self), RAPPORT_ENCODING_UTF8);
  return rapport_import_source_get_encoding (self->source);
}

char
rapport_import_job_get_separator (RapportImportJob *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_JOB (self), ',');
  return rapport_import_source_get_separator (self->source);
}

typedef struct
{
  RapportEncoding encoding;
  char            separator;
} ReopenData;

static void
reopen_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RapportImportJob *self = source_object;
  ReopenData *data = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportImportSource) source = NULL;
  g_autoptr (OpenResult) result = NULL;

  /* A source of its own, so that a failure leaves the job's as it was. */
  source = rapport_import_source_open (self->file, cancellable, &error);
  if (source == NULL
      || !rapport_import_source_reopen_text (source, data->encoding, data->separator, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = read_open_result (source, cancellable, &error);
  if (result == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result->source = g_steal_pointer (&source);
  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) open_result_free);
}

static void
reopen_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  RapportImportJob *self = g_task_get_source_object (task);
  g_autoptr (OpenResult) open_result = NULL;
  g_autoptr (GError) error = NULL;

  self->busy = FALSE;
  open_result = g_task_propagate_pointer (G_TASK (result), &error);
  if (open_result == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  apply_open_result (self, open_result);
  g_task_return_boolean (task, TRUE);
}

void
rapport_import_job_reopen_async (RapportImportJob    *self,
                                 RapportEncoding      encoding,
                                 char                 separator,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GTask) inner = NULL;
  ReopenData *data;

  g_return_if_fail (RAPPORT_IS_IMPORT_JOB (self));
  g_return_if_fail (!self->busy);
  g_return_if_fail (separator == ',' || separator == ';' || separator == '\t' || separator == '|');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_import_job_reopen_async);

  data = g_new (ReopenData, 1);
  data->encoding = encoding;
  data->separator = separator;
  self->busy = TRUE;
  inner = g_task_new (self, cancellable, reopen_done_cb, g_steal_pointer (&task));
  g_task_set_task_data (inner, data, g_free);
  g_task_run_in_thread (inner, reopen_thread);
}

gboolean
rapport_import_job_reopen_finish (RapportImportJob  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Mapping and preview */

guint
rapport_import_job_get_n_columns (RapportImportJob *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_JOB (self), 0);
  return self->headers->len;
}

const char *
rapport_import_job_get_header (RapportImportJob *self,
                               guint             column)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_JOB (self), NULL);
  g_return_val_if_fail (column < self->headers->len, NULL);
  return g_ptr_array_index (self->headers, column);
}

const char *
rapport_import_job_get_mapping (RapportImportJob *self,
                                guint             column)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_JOB (self), NULL);
  g_return_val_if_fail (column < self->mapping->len, NULL);
  return g_ptr_array_index (self->mapping, column);
}

static gboolean
field_allows_several_columns (const char *field)
{
  return g_strcmp0 (field, "mobile") == 0 || g_strcmp0 (field, "phone") == 0
         || g_strcmp0 (field, "email") == 0 || g_strcmp0 (field, "tags") == 0;
}

static gboolean
key_is_in_column (gpointer key,
                  gpointer value,
                  gpointer user_data)
{
  const char *column = strchr (key, ':');

  return column != NULL && g_hash_table_contains (user_data, column + 1);
}

/* Forgets the fixes and actions of @column and of the columns left
 * unmapped (mapping a field unmaps its other column); a whole row's stay. */
static void
drop_choices_of_changed_columns (RapportImportJob *self,
                                 guint             column)
{
  g_autoptr (GHashTable) columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_hash_table_add (columns, g_strdup_printf ("%u", column));
  for (guint i = 0; i < self->mapping->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->mapping, i), "") == 0)
      g_hash_table_add (columns, g_strdup_printf ("%u", i));

  g_hash_table_foreach_remove (self->fixes, key_is_in_column, columns);
  g_hash_table_foreach_remove (self->actions, key_is_in_column, columns);
}

void
rapport_import_job_set_mapping (RapportImportJob *self,
                                guint             column,
                                const char       *field)
{
  g_return_if_fail (RAPPORT_IS_IMPORT_JOB (self));
  g_return_if_fail (column < self->mapping->len);
  g_return_if_fail (field != NULL);
  g_return_if_fail (field[0] == '\0' || rapport_import_field_is_valid (field));
  g_return_if_fail (!self->busy);

  if (g_strcmp0 (g_ptr_array_index (self->mapping, column), field) == 0)
    return;

  if (field[0] != '\0' && !field_allows_several_columns (field))
    for (guint i = 0; i < self->mapping->len; i++)
      if (i != column && g_strcmp0 (g_ptr_array_index (self->mapping, i), field) == 0)
        {
          g_free (g_ptr_array_index (self->mapping, i));
          g_ptr_array_index (self->mapping, i) = g_strdup ("");
        }

  g_free (g_ptr_array_index (self->mapping, column));
  g_ptr_array_index (self->mapping, column) = g_strdup (field);

  /* The checked rows follow the old mapping, and so do the fixes of the
   * column (or of the column that lost the field). */
  clear_analysis (self);
  drop_choices_of_changed_columns (self, column);
  g_list_store_remove_all (self->problems);
  g_list_store_remove_all (self->duplicates);
  g_signal_emit (self, signals[MAPPING_CHANGED], 0);
}

gboolean
rapport_import_job_mapping_is_usable (RapportImportJob  *self,
                                      char             **reason)
{
  static const char * const name_fields[] = {
    "customer-name", "company", "contact-name", "given-name", "family-name", NULL
  };

  g_return_val_if_fail (RAPPORT_IS_IMPORT_JOB (self), FALSE);

  for (guint i = 0; i < self->mapping->len; i++)
    if (g_strv_contains (name_fields, g_ptr_array_index (self->mapping, i)))
      return TRUE;

  if (reason != NULL)
    *reason = g_strdup (_("Choose the column with the customer’s or the contact’s name"));
  return FALSE;
}

guint
rapport_import_job_get_n_preview_rows (RapportImportJob *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_JOB (self), 0);
  return self->preview->len;
}

guint
rapport_import_job_get_preview_row_number (RapportImportJob *self,
                                           guint             preview_row)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_JOB (self), 0);
  g_return_val_if_fail (preview_row < self->preview_rows->len, 0);
  return g_array_index (self->preview_rows, guint, preview_row);
}

char *
rapport_import_job_get_preview_value (RapportImportJob  *self,
                                      guint              preview_row,
                                      guint              column,
                                      char             **out_message)
{
  const char * const *cells;
  const char *raw;
  Field field;
  g_autoptr (GError) error = NULL;
  g_autofree char *value = NULL;

  g_return_val_if_fail (RAPPORT_IS_IMPORT_JOB (self), NULL);
  g_return_val_if_fail (preview_row < self->preview->len, NULL);
  g_return_val_if_fail (column < self->mapping->len, NULL);

  cells = g_ptr_array_index (self->preview, preview_row);
  raw = column < g_strv_length ((char **) cells) ? cells[column] : "";
  field = field_from_key (g_ptr_array_index (self->mapping, column));

  if (out_message != NULL)
    *out_message = NULL;
  if (field == FIELD_NONE)
    return rapport_import_clean_cell (raw);

  value = check_cell (field, raw, self->country_code, &error);
  if (value == NULL)
    {
      if (out_message != NULL)
        *out_message = g_strdup (error->message);
      return NULL;
    }

  if ((field == FIELD_MOBILE || field == FIELD_PHONE) && value[0] != '\0')
    {
      g_auto (GStrv) phones = g_strsplit (value, "\n", -1);

      for (guint i = 0; phones[i] != NULL; i++)
        {
          char *shown = rapport_phone_format (phones[i], self->country_code);

          g_free (phones[i]);
          phones[i] = shown;
        }
      return g_strjoinv (", ", phones);
    }

  if (field == FIELD_EMAIL || field == FIELD_TAGS)
    {
      g_auto (GStrv) values = g_strsplit (value, "\n", -1);

      return g_strjoinv (", ", values);
    }

  return g_steal_pointer (&value);
}

/* Step 2: analyse */

static void
step_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  RapportImportJob *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  gpointer step_result;

  self->busy = FALSE;
  step_result = g_task_propagate_pointer (G_TASK (result), &error);
  if (step_result == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_task_get_source_tag (task) == rapport_import_job_analyse_async)
    {
      apply_analyse_result (self, step_result);
      analyse_result_free (step_result);
    }
  else
    {
      RunResult *run = step_result;

      self->import_id = run->import_id;
      self->n_created = run->n_created;
      self->n_merged = run->n_merged;
      self->n_skipped = run->n_skipped;
      g_free (run);
    }

  set_progress (self, 1.0);
  g_task_return_boolean (task, TRUE);
}

static void
start_step (RapportImportJob    *self,
            gpointer             source_tag,
            GTaskThreadFunc      thread_func,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (GTask) inner = NULL;
  g_autoptr (GError) error = NULL;
  StepData *data;

  g_task_set_source_tag (task, source_tag);

  data = g_new0 (StepData, 1);
  data->db = rapport_session_open_worker (self->session, &error);
  if (data->db == NULL)
    {
      step_data_free (data);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->busy = TRUE;
  set_progress (self, 0.0);
  inner = g_task_new (self, cancellable, step_done_cb, g_steal_pointer (&task));
  g_task_set_task_data (inner, data, (GDestroyNotify) step_data_free);
  g_task_run_in_thread (inner, thread_func);
}

void
rapport_import_job_analyse_async (RapportImportJob    *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (RAPPORT_IS_IMPORT_JOB (self));
  g_return_if_fail (!self->busy);

  start_step (self, rapport_import_job_analyse_async, analyse_thread, cancellable, callback, user_data);
}

gboolean
rapport_import_job_analyse_finish (RapportImportJob  *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

double
rapport_import_job_get_progress (RapportImportJob *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_JOB (self), 0.0);
  return self->progress;
}

guint
rapport_import_job_get_n_rows (RapportImportJob *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_JOB (self), 0);
  return self->n_rows;
}

guint
rapport_import_job_get_n_customers (RapportImportJob *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_JOB (self), 0);
  return self->n_customers;
}

guint
rapport_import_job_get_n_contacts (RapportImportJob *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_JOB (self), 0);
  return self->n_contacts;
}

GListModel *
rapport_import_job_get_problems (RapportImportJob *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_JOB (self), NULL);
  return G_LIST_MODEL (self->problems);
}

guint
rapport_import_job_count_unresolved (RapportImportJob *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->problems));
  guint unresolved = 0;

  g_return_val_if_fail (RAPPORT_IS_IMPORT_JOB (self), 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportImportProblem) problem = g_list_model_get_item (G_LIST_MODEL (self->problems), i);

      unresolved += rapport_import_problem_get_action (problem) == RAPPORT_IMPORT_ACTION_NONE;
    }

  return unresolved;
}

static ImportRow *
find_row (RapportImportJob *self,
          guint             row_number)
{
  guint low = 0;
  guint high = self->rows->len;

  /* Rows are in file order, their numbers increasing. */
  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      ImportRow *row = g_ptr_array_index (self->rows, middle);

      if (row->row == row_number)
        return row;
      if (row->row < row_number)
        low = middle + 1;
      else
        high = middle;
    }
  return NULL;
}

static char *
problem_key (RapportImportProblem *problem)
{
  if (rapport_import_problem_get_field (problem)[0] == '\0')
    return cell_key (rapport_import_problem_get_row (problem), G_MAXUINT);
  return cell_key (rapport_import_problem_get_row (problem), rapport_import_problem_get_column (problem));
}

gboolean
rapport_import_job_fix_cell (RapportImportJob      *self,
                             RapportImportProblem  *problem,
                             const char            *value,
                             GError               **error)
{
  Field field;
  ImportRow *row;
  guint column;
  char *checked;

  g_return_val_if_fail (RAPPORT_IS_IMPORT_JOB (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_IMPORT_PROBLEM (problem), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (!self->busy, FALSE);

  field = field_from_key (rapport_import_problem_get_field (problem));
  if (field == FIELD_NONE)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This row has no name to fix: skip it"));
      return FALSE;
    }

  checked = check_cell (field, value, self->country_code, error);
  if (checked == NULL)
    return FALSE;

  column = rapport_import_problem_get_column (problem);
  row = find_row (self, rapport_import_problem_get_row (problem));
  if (row != NULL && column < self->mapping->len)
    {
      g_free (row->values[column]);
      row->values[column] = checked;
      g_clear_pointer (&row->name_key, g_free);
      g_clear_pointer (&row->contact_key, g_free);
    }
  else
    {
      g_free (checked);
    }

  g_hash_table_replace (self->fixes, problem_key (problem), g_strdup (value));
  g_hash_table_replace (self->actions, problem_key (problem),
                        GUINT_TO_POINTER (RAPPORT_IMPORT_ACTION_FIXED));
  _rapport_import_problem_set_value (problem, value);
  _rapport_import_problem_set_action (problem, RAPPORT_IMPORT_ACTION_FIXED);
  return TRUE;
}

gboolean
rapport_import_job_set_action (RapportImportJob     *self,
                               RapportImportProblem *problem,
                               RapportImportAction   action)
{
  gboolean whole_row;
  g_autofree char *key = NULL;
  ImportRow *row;
  guint column;

  g_return_val_if_fail (RAPPORT_IS_IMPORT_JOB (self), FALSE);
  g_return_val_if_fail (RAPPORT_IS_IMPORT_PROBLEM (problem), FALSE);
  g_return_val_if_fail (action != RAPPORT_IMPORT_ACTION_FIXED, FALSE);
  g_return_val_if_fail (!self->busy, FALSE);

  whole_row = rapport_import_problem_get_field (problem)[0] == '\0';
  if (whole_row && action == RAPPORT_IMPORT_ACTION_DROP_FIELD)
    return FALSE;

  key = problem_key (problem);
  column = rapport_import_problem_get_column (problem);
  row = find_row (self, rapport_import_problem_get_row (problem));

  /* A fixed cell taken back: the value read fails again. */
  if (g_hash_table_remove (self->fixes, key) && row != NULL && column < self->mapping->len)
    {
      g_clear_pointer (&row->values[column], g_free);
      g_clear_pointer (&row->name_key, g_free);
      g_clear_pointer (&row->contact_key, g_free);
    }

  if (action == RAPPORT_IMPORT_ACTION_NONE)
    g_hash_table_remove (self->actions, key);
  else
    g_hash_table_replace (self->actions, g_strdup (key), GUINT_TO_POINTER (action));
  _rapport_import_problem_set_action (problem, action);
  return TRUE;
}

void
rapport_import_job_set_action_for_unresolved (RapportImportJob    *self,
                                              RapportImportAction  action)
{
  guint n;

  g_return_if_fail (RAPPORT_IS_IMPORT_JOB (self));
  g_return_if_fail (action == RAPPORT_IMPORT_ACTION_SKIP_ROW || action == RAPPORT_IMPORT_ACTION_DROP_FIELD);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->problems));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportImportProblem) problem = g_list_model_get_item (G_LIST_MODEL (self->problems), i);

      if (rapport_import_problem_get_action (problem) != RAPPORT_IMPORT_ACTION_NONE)
        continue;
      /* A row without a name can only be skipped. */
      if (!rapport_import_job_set_action (self, problem, action))
        rapport_import_job_set_action (self, problem, RAPPORT_IMPORT_ACTION_SKIP_ROW);
    }
}

static const char *
action_label (RapportImportAction action)
{
  switch (action)
    {
    case RAPPORT_IMPORT_ACTION_NONE:
      return _("Not resolved");
    case RAPPORT_IMPORT_ACTION_FIXED:
      return _("Fixed");
    case RAPPORT_IMPORT_ACTION_SKIP_ROW:
      return _("Row skipped");
    case RAPPORT_IMPORT_ACTION_DROP_FIELD:
      return _("Imported without this cell");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
rapport_import_job_save_report (RapportImportJob  *self,
                                GFile             *file,
                                GCancellable      *cancellable,
                                GError           **error)
{
  g_autoptr (GFileOutputStream) stream = NULL;
  g_autoptr (RapportCsvWriter) writer = NULL;
  const char *header[] = { _("Row"), _("Column"), _("Value"), _("Reason"), _("Action") };
  guint n;

  g_return_val_if_fail (RAPPORT_IS_IMPORT_JOB (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
  if (stream == NULL)
    return FALSE;
  writer = rapport_csv_writer_new (G_OUTPUT_STREAM (stream), RAPPORT_ENCODING_UTF8, ',');
  if (!rapport_csv_writer_write_row (writer, header, G_N_ELEMENTS (header), cancellable, error))
    return FALSE;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->problems));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportImportProblem) problem = g_list_model_get_item (G_LIST_MODEL (self->problems), i);
      g_autofree char *row = g_strdup_printf ("%u", rapport_import_problem_get_row (problem));
      const char *cells[] = {
        row,
        rapport_import_problem_get_column_name (problem),
        rapport_import_problem_get_value (problem),
        rapport_import_problem_get_message (problem),
        action_label (rapport_import_problem_get_action (problem)),
      };

      if (!rapport_csv_writer_write_row (writer, cells, G_N_ELEMENTS (cells), cancellable, error))
        return FALSE;
    }

  return rapport_csv_writer_close (writer, cancellable, error);
}

GListModel *
rapport_import_job_get_duplicates (RapportImportJob *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_JOB (self), NULL);
  return G_LIST_MODEL (self->duplicates);
}

void
rapport_import_job_set_all_decisions (RapportImportJob      *self,
                                      RapportImportDecision  decision)
{
  guint n;

  g_return_if_fail (RAPPORT_IS_IMPORT_JOB (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->duplicates));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportImportDuplicate) duplicate = g_list_model_get_item (G_LIST_MODEL (self->duplicates), i);

      rapport_import_duplicate_set_decision (duplicate, decision);
    }
}

/* Step 3: run */

void
rapport_import_job_run_async (RapportImportJob    *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (RAPPORT_IS_IMPORT_JOB (self));
  g_return_if_fail (!self->busy);

  if (!self->analysed || rapport_import_job_count_unresolved (self) > 0)
    {
      g_task_report_new_error (self, callback, user_data, rapport_import_job_run_async,
                               G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                               self->analysed ? _("Resolve the problems first")
                                              : _("Check the rows first"));
      return;
    }

  start_step (self, rapport_import_job_run_async, run_thread, cancellable, callback, user_data);
}

gboolean
rapport_import_job_run_finish (RapportImportJob  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gint64
rapport_import_job_get_import_id (RapportImportJob *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_JOB (self), 0);
  return self->import_id;
}

guint
rapport_import_job_get_n_created (RapportImportJob *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_JOB (self), 0);
  return self->n_created;
}

guint
rapport_import_job_get_n_merged (RapportImportJob *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_JOB (self), 0);
  return self->n_merged;
}

guint
rapport_import_job_get_n_skipped (RapportImportJob *self)
{
  g_return_val_if_fail (RAPPORT_IS_IMPORT_JOB (self), 0);
  return self->n_skipped;
}

/* Undo */

typedef struct
{
  RapportDatabase *db;
  gint64           import_id;
} UndoData;

static void
undo_data_free (UndoData *data)
{
  g_clear_object (&data->db);
  g_free (data);
}

static void
undo_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  UndoData *data = task_data;
  g_autoptr (GError) error = NULL;

  if (!rapport_store_undo_import (data->db, data->import_id, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
rapport_import_undo_async (RapportSession      *session,
                           gint64               import_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  UndoData *data;

  g_return_if_fail (RAPPORT_IS_SESSION (session));
  g_return_if_fail (import_id > 0);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_import_undo_async);

  data = g_new0 (UndoData, 1);
  data->import_id = import_id;
  data->db = rapport_session_open_worker (session, &error);
  if (data->db == NULL)
    {
      undo_data_free (data);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_set_task_data (task, data, (GDestroyNotify) undo_data_free);
  g_task_run_in_thread (task, undo_thread);
}

gboolean
rapport_import_undo_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
