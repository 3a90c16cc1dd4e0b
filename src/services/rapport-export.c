/* rapport-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-export"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "rapport-csv-writer.h"
#include "rapport-export.h"
#include "rapport-import-mapping.h"
#include "rapport-import-store.h"
#include "rapport-phone.h"
#include "rapport-store.h"
#include "rapport-vcard.h"
#include "rapport-xlsx-writer.h"

/* The export thread's nice value (see run_thread). */
#define EXPORT_NICE 10
/* Progress is told at most this often (microseconds). */
#define PROGRESS_INTERVAL_US (50 * G_TIME_SPAN_MILLISECOND)
/* For .xlsx, the share of the work that reading the book takes; the
 * workbook is compressed in one step afterwards. */
#define XLSX_READ_SHARE 0.6

/* The tables' columns: import field keys, so that the import maps them back. */
static const char * const table_fields[] = {
  "code", "customer-name", "contact-name", "contact-title", "mobile", "phone", "email",
  "birthday", "lunar-birthday", "address", "region", "industry", "source", "website", "tags",
  "notes",
};

enum {
  COLUMN_CODE,
  COLUMN_NAME,
  COLUMN_CONTACT,
  COLUMN_TITLE,
  COLUMN_MOBILE,
  COLUMN_PHONE,
  COLUMN_EMAIL,
  COLUMN_BIRTHDAY,
  COLUMN_LUNAR_BIRTHDAY,
  COLUMN_ADDRESS,
  COLUMN_REGION,
  COLUMN_INDUSTRY,
  COLUMN_SOURCE,
  COLUMN_WEBSITE,
  COLUMN_TAGS,
  COLUMN_NOTES,
  N_COLUMNS
};

G_STATIC_ASSERT (G_N_ELEMENTS (table_fields) == N_COLUMNS);

/* Headers the import always recognises (its Chinese names). */
static const char * const chinese_headers[] = {
  "客户编号", "客户名称", "联系人", "职务", "手机", "电话", "邮箱", "生日", "农历生日", "地址",
  "地区", "行业", "来源", "网站", "标签", "备注",
};

G_STATIC_ASSERT (G_N_ELEMENTS (chinese_headers) == N_COLUMNS);

struct _RapportExport
{
  GObject              parent_instance;

  RapportSession      *session;
  RapportExportFormat  format;
  RapportEncoding      encoding;
  GArray              *ids;       /* gint64, or NULL for the whole book */
  double               progress;
  gboolean             running;
};

G_DEFINE_FINAL_TYPE (RapportExport, rapport_export, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A table row: N_COLUMNS cells, empty ones the shared empty_cell. */
typedef char *Row;

/* One run, owned by its task. */
typedef struct
{
  RapportExport       *export;            /* owned */
  RapportDatabase     *db;                /* the main connection, for a worker */
  GMainContext        *context;           /* where progress is told */
  char                *country_code;
  GArray              *ids;               /* copy, or NULL */
  RapportExportFormat  format;
  RapportEncoding      encoding;
  GFile               *file;
  GFile               *partial;           /* the temporary file beside it */
  GCancellable        *cancellable;       /* borrowed from the task */

  /* The worker's state. */
  GOutputStream       *stream;            /* CSV and vCard */
  RapportCsvWriter    *csv;
  RapportXlsxWriter   *xlsx;              /* .xlsx, used by its writer thread */
  GAsyncQueue         *xlsx_rows;         /* .xlsx: GStrv, then end_of_rows */
  int                  xlsx_failed;       /* atomic: the writer thread stopped */
  GString             *card;              /* vCard: one card at a time */
  GError              *error;             /* what stopped the pass */
  guint                total;
  guint                n_customers;
  gint64               last_progress_at;
} ExportRun;

static void
export_run_free (ExportRun *run)
{
  g_clear_pointer (&run->csv, rapport_csv_writer_free);
  g_clear_object (&run->stream);
  g_clear_pointer (&run->xlsx, rapport_xlsx_writer_free);
  g_clear_pointer (&run->xlsx_rows, g_async_queue_unref);
  if (run->card != NULL)
    g_string_free (run->card, TRUE);
  g_clear_error (&run->error);
  g_clear_object (&run->export);
  g_clear_object (&run->db);
  g_clear_pointer (&run->context, g_main_context_unref);
  g_clear_pointer (&run->country_code, g_free);
  g_clear_pointer (&run->ids, g_array_unref);
  g_clear_object (&run->file);
  g_clear_object (&run->partial);
  g_free (run);
}

/* Helpers */

static void
set_progress (RapportExport *self,
              double         progress)
{
  if (self->progress == progress)
    return;

  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

typedef struct
{
  RapportExport *export;
  double         progress;
} ProgressUpdate;

static void
progress_update_free (ProgressUpdate *update)
{
  g_object_unref (update->export);
  g_free (update);
}

static gboolean
progress_update_cb (gpointer user_data)
{
  ProgressUpdate *update = user_data;

  if (update->export->running)
    set_progress (update->export, update->progress);

  return G_SOURCE_REMOVE;
}

/* Called on the worker: tells the caller's context, throttled. */
static void
report_progress (ExportRun *run,
                 double     progress,
                 gboolean   force)
{
  gint64 now = g_get_monotonic_time ();
  ProgressUpdate *update;

  if (!force && now - run->last_progress_at < PROGRESS_INTERVAL_US)
    return;

  run->last_progress_at = now;
  update = g_new0 (ProgressUpdate, 1);
  update->export = g_object_ref (run->export);
  update->progress = CLAMP (progress, 0.0, 1.0);
  g_main_context_invoke_full (run->context, G_PRIORITY_DEFAULT, progress_update_cb, update,
                              (GDestroyNotify) progress_update_free);
}

static gboolean
is_chinese_mobile (const char *normalized)
{
  /* +86 followed by 11 digits starting with 1 (see rapport_phone_normalize). */
  if (!g_str_has_prefix (normalized, "+861") || strlen (normalized) != 14)
    return FALSE;
  for (const char *p = normalized + 1; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }
  return TRUE;
}

/* The phones of a customer or contact as the table shows them, mobiles and
 * other numbers apart, one per line, formatted as the user reads them (the
 * import normalises them again with the same country code). */
static void
split_phones (const char * const  *phones,
              const char          *country_code,
              char               **out_mobiles,
              char               **out_others)
{
  g_autoptr (GString) mobiles = g_string_new (NULL);
  g_autoptr (GString) others = g_string_new (NULL);

  for (guint i = 0; phones != NULL && phones[i] != NULL; i++)
    {
      g_autofree char *shown = rapport_phone_format (phones[i], country_code);
      GString *into = is_chinese_mobile (phones[i]) ? mobiles : others;

      if (into->len > 0)
        g_string_append_c (into, '\n');
      g_string_append (into, shown);
    }

  *out_mobiles = g_string_free (g_steal_pointer (&mobiles), FALSE);
  *out_others = g_string_free (g_steal_pointer (&others), FALSE);
}

static char *
join_or_empty (const char * const *values,
               const char         *separator)
{
  if (values == NULL)
    return g_strdup ("");
  return g_strjoinv (separator, (char **) values);
}

static char *
dup_or_empty (const char *value)
{
  return g_strdup (value != NULL ? value : "");
}

/* Most cells are empty: they share one string rather than hold a byte each,
 * which counts when a workbook's 400,000 rows are held until written. */
static char empty_cell[] = "";

static GStrv
new_row (void)
{
  GStrv row = g_new0 (char *, N_COLUMNS + 1);

  for (guint i = 0; i < N_COLUMNS; i++)
    row[i] = empty_cell;
  return row;
}

static void
row_free (GStrv row)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      if (row[i] != empty_cell)
        g_free (row[i]);
    }
  g_free (row);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Row, row_free)

/* Ends @row after its last cell that is not empty: the workbook writer
 * leaves the rest empty without looking at each (a contact's row is half
 * empty cells). row_free still frees it. */
static GStrv
end_row (GStrv row)
{
  for (guint i = N_COLUMNS; i > 0 && row[i - 1] == empty_cell; i--)
    row[i - 1] = NULL;
  return row;
}

static void
set_cell (GStrv  row,
          guint  column,
          char  *value)
{
  if (row[column] != empty_cell)
    g_free (row[column]);
  if (value != NULL && value[0] == '\0')
    {
      g_free (value);
      value = empty_cell;
    }
  row[column] = value;
}

static void
set_birthday_cells (GStrv       row,
                    const char *birthday,
                    gboolean    lunar)
{
  set_cell (row, lunar ? COLUMN_LUNAR_BIRTHDAY : COLUMN_BIRTHDAY, dup_or_empty (birthday));
}

static GStrv
customer_row (RapportCustomer *customer,
              const char      *country_code)
{
  GStrv row = new_row ();
  char *mobiles, *others;

  split_phones (rapport_customer_get_phones (customer), country_code, &mobiles, &others);
  set_cell (row, COLUMN_CODE, dup_or_empty (rapport_customer_get_code (customer)));
  set_cell (row, COLUMN_NAME, dup_or_empty (rapport_customer_get_name (customer)));
  set_cell (row, COLUMN_MOBILE, mobiles);
  set_cell (row, COLUMN_PHONE, others);
  set_cell (row, COLUMN_EMAIL, join_or_empty (rapport_customer_get_emails (customer), "\n"));
  set_birthday_cells (row, rapport_customer_get_birthday (customer),
                      rapport_customer_get_birthday_lunar (customer));
  set_cell (row, COLUMN_ADDRESS, dup_or_empty (rapport_customer_get_address (customer)));
  set_cell (row, COLUMN_REGION, dup_or_empty (rapport_customer_get_region (customer)));
  set_cell (row, COLUMN_INDUSTRY, dup_or_empty (rapport_customer_get_industry (customer)));
  set_cell (row, COLUMN_SOURCE, dup_or_empty (rapport_customer_get_source (customer)));
  set_cell (row, COLUMN_WEBSITE, dup_or_empty (rapport_customer_get_website (customer)));
  set_cell (row, COLUMN_TAGS, join_or_empty (rapport_customer_get_tags (customer), ", "));
  set_cell (row, COLUMN_NOTES, dup_or_empty (rapport_customer_get_notes (customer)));
  return row;
}

static GStrv
contact_row (RapportCustomer *customer,
             RapportContact  *contact,
             const char      *country_code)
{
  GStrv row = new_row ();
  char *mobiles, *others;

  split_phones (rapport_contact_get_phones (contact), country_code, &mobiles, &others);
  set_cell (row, COLUMN_CODE, dup_or_empty (rapport_customer_get_code (customer)));
  set_cell (row, COLUMN_NAME, dup_or_empty (rapport_customer_get_name (customer)));
  set_cell (row, COLUMN_CONTACT, dup_or_empty (rapport_contact_get_name (contact)));
  set_cell (row, COLUMN_TITLE, dup_or_empty (rapport_contact_get_title (contact)));
  set_cell (row, COLUMN_MOBILE, mobiles);
  set_cell (row, COLUMN_PHONE, others);
  set_cell (row, COLUMN_EMAIL, join_or_empty (rapport_contact_get_emails (contact), "\n"));
  set_birthday_cells (row, rapport_contact_get_birthday (contact),
                      rapport_contact_get_birthday_lunar (contact));
  /* No notes: the import reads the Notes column as the customer's. */
  return row;
}

static gboolean
write_csv_row (ExportRun  *run,
               GStrv       row)
{
  g_autoptr (Row) owned = row;

  return rapport_csv_writer_write_row (run->csv, (const char * const *) owned, N_COLUMNS,
                                       run->cancellable, &run->error);
}

/* "cell" for a mobile, "" (no type) for other numbers, one per phone. */
static GStrv
phone_types (const char * const *phones)
{
  guint n = phones != NULL ? g_strv_length ((char **) phones) : 0;
  GStrv types = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    types[i] = g_strdup (is_chinese_mobile (phones[i]) ? "cell" : "");
  return types;
}

static gboolean
write_card (ExportRun       *run,
            RapportCustomer *customer,
            RapportContact  *contact)
{
  g_auto (GStrv) types = NULL;
  RapportVCard card = { 0, };

  if (contact != NULL)
    {
      card.formatted_name = (char *) rapport_contact_get_name (contact);
      card.organisation = (char *) rapport_customer_get_name (customer);
      card.title = (char *) rapport_contact_get_title (contact);
      card.phones = (GStrv) rapport_contact_get_phones (contact);
      card.emails = (GStrv) rapport_contact_get_emails (contact);
      if (!rapport_contact_get_birthday_lunar (contact))
        card.birthday = (char *) rapport_contact_get_birthday (contact);
      card.note = (char *) rapport_contact_get_notes (contact);
    }
  else
    {
      card.formatted_name = (char *) rapport_customer_get_name (customer);
      if (rapport_customer_get_kind (customer) == RAPPORT_CUSTOMER_KIND_COMPANY)
        card.organisation = (char *) rapport_customer_get_name (customer);
      card.phones = (GStrv) rapport_customer_get_phones (customer);
      card.emails = (GStrv) rapport_customer_get_emails (customer);
      if (!rapport_customer_get_birthday_lunar (customer))
        card.birthday = (char *) rapport_customer_get_birthday (customer);
      card.address = (char *) rapport_customer_get_address (customer);
      card.note = (char *) rapport_customer_get_notes (customer);
      card.url = (char *) rapport_customer_get_website (customer);
    }
  /* A lunar birthday has no place in a vCard: BDAY is Gregorian. */
  types = phone_types ((const char * const *) card.phones);
  card.phone_types = types;
  card.categories = (GStrv) rapport_customer_get_tags (customer);

  g_string_truncate (run->card, 0);
  rapport_vcard_append (run->card, &card);
  return g_output_stream_write_all (run->stream, run->card->str, run->card->len, NULL,
                                    run->cancellable, &run->error);
}

static gboolean
has_own_channels (RapportCustomer *customer)
{
  const char * const *phones = rapport_customer_get_phones (customer);
  const char * const *emails = rapport_customer_get_emails (customer);

  return (phones != NULL && phones[0] != NULL) || (emails != NULL && emails[0] != NULL);
}

static gboolean
export_customer_cb (RapportCustomer *customer,
                    GPtrArray       *contacts,
                    gpointer         user_data)
{
  ExportRun *run = user_data;
  guint n_contacts = contacts != NULL ? contacts->len : 0;
  double share = run->format == RAPPORT_EXPORT_FORMAT_XLSX ? XLSX_READ_SHARE : 1.0;

  if (g_cancellable_set_error_if_cancelled (run->cancellable, &run->error))
    return FALSE;

  switch (run->format)
    {
    case RAPPORT_EXPORT_FORMAT_CSV:
      if (!write_csv_row (run, customer_row (customer, run->country_code)))
        return FALSE;
      for (guint i = 0; i < n_contacts; i++)
        {
          if (!write_csv_row (run, contact_row (customer, g_ptr_array_index (contacts, i),
                                                run->country_code)))
            return FALSE;
        }
      break;

    case RAPPORT_EXPORT_FORMAT_XLSX:
      /* The writer thread's error is taken when it is joined. */
      if (g_atomic_int_get (&run->xlsx_failed))
        return FALSE;
      g_async_queue_push (run->xlsx_rows, end_row (customer_row (customer, run->country_code)));
      for (guint i = 0; i < n_contacts; i++)
        g_async_queue_push (run->xlsx_rows, end_row (contact_row (customer, g_ptr_array_index (contacts, i),
                                                                  run->country_code)));
      break;

    case RAPPORT_EXPORT_FORMAT_VCARD:
      if ((n_contacts == 0 || has_own_channels (customer)) && !write_card (run, customer, NULL))
        return FALSE;
      for (guint i = 0; i < n_contacts; i++)
        {
          if (!write_card (run, customer, g_ptr_array_index (contacts, i)))
            return FALSE;
        }
      break;

    default:
      g_assert_not_reached ();
    }

  run->n_customers++;
  if (run->total > 0)
    report_progress (run, share * run->n_customers / run->total, FALSE);

  return TRUE;
}

/* Marks the end of the rows in the writer thread's queue. */
static char *end_of_rows[] = { NULL };

static void
lower_thread_priority (void)
{
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), EXPORT_NICE) != 0)
    g_debug ("Could not lower the export thread's priority: %s", g_strerror (errno));
}

/* The .xlsx writer thread: the cells go to the workbook while the book is
 * still being read, on the other core. Returns its error, or %NULL. */
static gpointer
write_xlsx_rows_thread (gpointer data)
{
  ExportRun *run = data;
  GError *error = NULL;
  GStrv row;

  lower_thread_priority ();
  while ((row = g_async_queue_pop (run->xlsx_rows)) != end_of_rows)
    {
      if (error == NULL &&
          !rapport_xlsx_writer_add_row (run->xlsx, (const char * const *) row, &error))
        g_atomic_int_set (&run->xlsx_failed, TRUE);
      row_free (row);
    }
  return error;
}

/* A name no other file beside the target has: ".<name>.<random>.partial". */
static GFile *
make_partial_file (GFile   *file,
                   GError **error)
{
  g_autoptr (GFile) parent = g_file_get_parent (file);
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *name = NULL;

  if (parent == NULL || base == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME, "%s", _("Choose a file to export to"));
      return NULL;
    }

  name = g_strdup_printf (".%s.%08x.partial", base, g_random_int ());
  return g_file_get_child (parent, name);
}

static gboolean
open_stream (ExportRun  *run,
             GError    **error)
{
  GFileOutputStream *stream;

  stream = g_file_create (run->partial, G_FILE_CREATE_NONE, run->cancellable, error);
  if (stream == NULL)
    return FALSE;

  /* Buffered: CSV rows and cards are small writes. */
  run->stream = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (stream), 64 * 1024);
  g_object_unref (stream);
  return TRUE;
}

static gboolean
write_partial (ExportRun  *run,
               GError    **error)
{
  RapportDatabase *worker = NULL;
  GThread *writer_thread = NULL;
  gboolean read;
  gboolean ok = FALSE;
  const gint64 *ids = run->ids != NULL ? (const gint64 *) (gpointer) run->ids->data : NULL;
  guint n_ids = run->ids != NULL ? run->ids->len : 0;

  worker = rapport_database_open_worker (run->db, error);
  if (worker == NULL)
    return FALSE;

  run->total = run->ids != NULL ? n_ids : rapport_store_count_customers (worker);

  switch (run->format)
    {
    case RAPPORT_EXPORT_FORMAT_CSV:
      {
        g_auto (GStrv) header = rapport_export_table_header ();

        if (!open_stream (run, error))
          goto out;
        run->csv = rapport_csv_writer_new (run->stream, run->encoding, ',');
        if (!rapport_csv_writer_write_row (run->csv, (const char * const *) header, N_COLUMNS,
                                           run->cancellable, error))
          goto out;
      }
      break;

    case RAPPORT_EXPORT_FORMAT_XLSX:
      {
        g_auto (GStrv) header = rapport_export_table_header ();
        g_autofree char *path = g_file_get_path (run->partial);

        if (path == NULL)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                         _("An Excel workbook can only be saved to a local folder"));
            goto out;
          }
        run->xlsx = rapport_xlsx_writer_new (path, (const char * const *) header, error);
        if (run->xlsx == NULL)
          goto out;
        run->xlsx_rows = g_async_queue_new ();
        writer_thread = g_thread_new ("rapport-export-xlsx", write_xlsx_rows_thread, run);
      }
      break;

    case RAPPORT_EXPORT_FORMAT_VCARD:
      if (!open_stream (run, error))
        goto out;
      run->card = g_string_sized_new (1024);
      break;

    default:
      g_assert_not_reached ();
    }

  read = rapport_store_foreach_customer_with_contacts (worker, ids, n_ids, run->cancellable,
                                                       export_customer_cb, run, error);
  if (writer_thread != NULL)
    {
      GError *write_error;

      g_async_queue_push (run->xlsx_rows, end_of_rows);
      write_error = g_thread_join (g_steal_pointer (&writer_thread));
      if (write_error != NULL)
        {
          g_clear_error (&run->error);
          if (read)
            g_propagate_error (error, write_error);
          else
            g_error_free (write_error);
          goto out;
        }
    }
  if (!read)
    goto out;
  if (run->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&run->error));
      goto out;
    }

  switch (run->format)
    {
    case RAPPORT_EXPORT_FORMAT_CSV:
      ok = rapport_csv_writer_close (run->csv, run->cancellable, error);
      break;

    case RAPPORT_EXPORT_FORMAT_XLSX:
      ok = !g_cancellable_set_error_if_cancelled (run->cancellable, error) &&
           rapport_xlsx_writer_close (g_steal_pointer (&run->xlsx), error) &&
           !g_cancellable_set_error_if_cancelled (run->cancellable, error);
      break;

    case RAPPORT_EXPORT_FORMAT_VCARD:
      ok = g_output_stream_close (run->stream, run->cancellable, error);
      break;

    default:
      g_assert_not_reached ();
    }

out:
  /* Here rather than in export_run_free, which may run on the caller's
   * thread. */
  g_clear_pointer (&run->xlsx, rapport_xlsx_writer_free);
  g_clear_object (&worker);
  return ok;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportRun *run = task_data;
  g_autoptr (GError) error = NULL;

  run->cancellable = cancellable;
  run->partial = make_partial_file (run->file, &error);
  if (run->partial != NULL &&
      write_partial (run, &error) &&
      !g_cancellable_set_error_if_cancelled (cancellable, &error) &&
      g_file_move (run->partial, run->file, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                   NULL, NULL, NULL, &error))
    {
      report_progress (run, 1.0, TRUE);
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Whatever was written goes: a cancelled export leaves no file. */
  if (run->stream != NULL && !g_output_stream_is_closed (run->stream))
    g_output_stream_close (run->stream, NULL, NULL);
  if (run->partial != NULL)
    g_file_delete (run->partial, NULL, NULL);

  g_task_return_error (task, g_steal_pointer (&error));
}

/* A thread of its own, niced: an export keeps a core busy for seconds, and
 * the window's thread must win that core whenever it has a frame to draw. A
 * pool thread would keep the lower priority for whatever ran on it next. */
static gpointer
run_thread (gpointer data)
{
  g_autoptr (GTask) task = data;

  lower_thread_priority ();
  export_thread (task, g_task_get_source_object (task), g_task_get_task_data (task),
                 g_task_get_cancellable (task));
  return NULL;
}

/* GObject */

static void
rapport_export_finalize (GObject *object)
{
  RapportExport *self = RAPPORT_EXPORT (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->ids, g_array_unref);

  G_OBJECT_CLASS (rapport_export_parent_class)->finalize (object);
}

static void
rapport_export_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RapportExport *self = RAPPORT_EXPORT (object);

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
rapport_export_class_init (RapportExportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_export_finalize;
  object_class->get_property = rapport_export_get_property;

  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_export_init (RapportExport *self)
{
  self->encoding = RAPPORT_ENCODING_UTF8;
}

/* Public API */

const char *
rapport_export_format_get_extension (RapportExportFormat format)
{
  switch (format)
    {
    case RAPPORT_EXPORT_FORMAT_CSV:
      return "csv";
    case RAPPORT_EXPORT_FORMAT_XLSX:
      return "xlsx";
    case RAPPORT_EXPORT_FORMAT_VCARD:
      return "vcf";
    default:
      g_return_val_if_reached (NULL);
    }
}

GStrv
rapport_export_table_header (void)
{
  GStrv header = g_new0 (char *, N_COLUMNS + 1);

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      const char *label = rapport_import_field_get_label (table_fields[i]);

      /* A translation the import would not recognise gives way to the
       * Chinese header it does. */
      if (g_strcmp0 (rapport_import_field_for_header (label), table_fields[i]) != 0)
        label = chinese_headers[i];
      header[i] = g_strdup (label);
    }

  return header;
}

/**
 * rapport_export_new:
 * @session: an open session
 * @format: the file format
 *
 * Returns: (transfer full): a new export of the whole book
 */
RapportExport *
rapport_export_new (RapportSession      *session,
                    RapportExportFormat  format)
{
  RapportExport *self;

  g_return_val_if_fail (RAPPORT_IS_SESSION (session), NULL);
  g_return_val_if_fail (format <= RAPPORT_EXPORT_FORMAT_VCARD, NULL);

  self = g_object_new (RAPPORT_TYPE_EXPORT, NULL);
  self->session = g_object_ref (session);
  self->format = format;
  return self;
}

RapportExportFormat
rapport_export_get_format (RapportExport *self)
{
  g_return_val_if_fail (RAPPORT_IS_EXPORT (self), RAPPORT_EXPORT_FORMAT_CSV);

  return self->format;
}

void
rapport_export_set_encoding (RapportExport   *self,
                             RapportEncoding  encoding)
{
  g_return_if_fail (RAPPORT_IS_EXPORT (self));
  g_return_if_fail (encoding == RAPPORT_ENCODING_UTF8 || encoding == RAPPORT_ENCODING_GB18030);

  self->encoding = encoding;
}

RapportEncoding
rapport_export_get_encoding (RapportExport *self)
{
  g_return_val_if_fail (RAPPORT_IS_EXPORT (self), RAPPORT_ENCODING_UTF8);

  return self->encoding;
}

void
rapport_export_set_customer_ids (RapportExport *self,
                                 const gint64  *ids,
                                 guint          n_ids)
{
  g_return_if_fail (RAPPORT_IS_EXPORT (self));
  g_return_if_fail (ids != NULL || n_ids == 0);

  g_clear_pointer (&self->ids, g_array_unref);
  if (ids == NULL)
    return;

  self->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_array_append_vals (self->ids, ids, n_ids);
}

double
rapport_export_get_progress (RapportExport *self)
{
  g_return_val_if_fail (RAPPORT_IS_EXPORT (self), 0.0);

  return self->progress;
}

void
rapport_export_run_async (RapportExport       *self,
                          GFile               *file,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  RapportDatabase *db;
  ExportRun *run;

  g_return_if_fail (RAPPORT_IS_EXPORT (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!self->running);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_export_run_async);

  db = rapport_session_get_database (self->session);
  if (db == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED, "%s", _("The database is not open"));
      return;
    }

  self->running = TRUE;
  set_progress (self, 0.0);

  run = g_new0 (ExportRun, 1);
  run->export = g_object_ref (self);
  run->db = g_object_ref (db);
  run->context = g_main_context_ref_thread_default ();
  run->country_code = g_strdup (rapport_session_get_default_country_code (self->session));
  run->ids = self->ids != NULL ? g_array_ref (self->ids) : NULL;
  run->format = self->format;
  run->encoding = self->encoding;
  run->file = g_object_ref (file);
  g_task_set_task_data (task, run, (GDestroyNotify) export_run_free);
  g_thread_unref (g_thread_new ("rapport-export", run_thread, g_steal_pointer (&task)));
}

gboolean
rapport_export_run_finish (RapportExport  *self,
                           GAsyncResult   *result,
                           guint          *n_customers,
                           GError        **error)
{
  ExportRun *run;

  g_return_val_if_fail (RAPPORT_IS_EXPORT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  self->running = FALSE;
  run = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  if (n_customers != NULL)
    *n_customers = run->n_customers;
  return TRUE;
}
