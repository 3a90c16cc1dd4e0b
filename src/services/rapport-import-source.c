/* rapport-import-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-import-source"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-csv.h"
#include "rapport-import-mapping.h"
#include "rapport-import-source.h"
#include "rapport-vcard.h"
#include "rapport-xls-reader.h"
#include "rapport-xlsx-reader.h"

/* Enough of the start of a file to recognise it. */
#define HEAD_BYTES 512

struct _RapportImportSource
{
  GFile               *file;
  RapportImportFormat  format;

  /* Text files: the decoded text (UTF-8, without its byte-order mark). */
  RapportEncoding      encoding;
  char                 separator;
  char                *text;
  gsize                text_len;
};

/* The columns of a vCard's rows. */
static const char * const vcard_fields[] = {
  "customer-name", "contact-name", "contact-title", "mobile", "phone", "email",
  "birthday", "address", "notes", "tags", "website", NULL
};

static const guchar zip_magic[] = { 'P', 'K', 0x03, 0x04 };
static const guchar ole2_magic[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
static const guchar utf8_bom[] = { 0xEF, 0xBB, 0xBF };

static gboolean
has_magic (const char   *data,
           gsize         len,
           const guchar *magic,
           gsize         magic_len)
{
  return len >= magic_len && memcmp (data, magic, magic_len) == 0;
}

/* Whether text in @encoding starts, after its byte-order mark and blank
 * lines, with BEGIN:VCARD (ASCII, so for UTF-16 every other byte). */
static gboolean
starts_with_vcard (const char *data,
                   gsize       len)
{
  static const char begin[] = "BEGIN:VCARD";
  char ascii[HEAD_BYTES + 1];
  gsize n = 0;
  gsize i = 0;

  if (has_magic (data, len, utf8_bom, sizeof utf8_bom))
    i = sizeof utf8_bom;
  for (; i < len && n < HEAD_BYTES; i++)
    if (data[i] != '\0' && (guchar) data[i] != 0xFF && (guchar) data[i] != 0xFE)
      ascii[n++] = data[i];
  ascii[n] = '\0';

  for (i = 0; i < n && g_ascii_isspace (ascii[i]); i++)
    ;
  return g_ascii_strncasecmp (ascii + i, begin, strlen (begin)) == 0;
}

gboolean
rapport_import_source_detect_format (const char          *data,
                                     gsize                len,
                                     RapportImportFormat *out_format)
{
  g_return_val_if_fail (out_format != NULL, FALSE);

  if (len == 0)
    return FALSE;

  if (has_magic (data, len, zip_magic, sizeof zip_magic))
    *out_format = RAPPORT_IMPORT_FORMAT_XLSX;
  else if (has_magic (data, len, ole2_magic, sizeof ole2_magic))
    *out_format = RAPPORT_IMPORT_FORMAT_XLS;
  else if (starts_with_vcard (data, MIN (len, HEAD_BYTES)))
    *out_format = RAPPORT_IMPORT_FORMAT_VCARD;
  else
    *out_format = RAPPORT_IMPORT_FORMAT_CSV;

  return TRUE;
}

/* Decodes @data in @encoding; the BOM case gets a message of its own. */
static char *
decode_text (const char       *data,
             gsize             len,
             RapportEncoding   encoding,
             gsize            *out_len,
             GError          **error)
{
  g_autoptr (GError) local_error = NULL;
  char *text;

  text = rapport_text_decode (data, len, encoding, out_len, &local_error);
  if (text != NULL)
    return text;

  if (encoding == RAPPORT_ENCODING_UTF8 && has_magic (data, len, utf8_bom, sizeof utf8_bom))
    g_set_error (error, local_error->domain, local_error->code,
                 _("The file begins with a mark saying it is in Unicode (UTF-8), but it is not: %s"),
                 local_error->message);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));

  return NULL;
}

static gboolean
only_blank (const char *text,
            gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
load_text (RapportImportSource  *self,
           gboolean              detect,
           RapportEncoding       encoding,
           char                  separator,
           GCancellable         *cancellable,
           GError              **error)
{
  g_autofree char *data = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;
  gsize text_len = 0;

  if (!g_file_load_contents (self->file, cancellable, &data, &len, NULL, error))
    return FALSE;

  if (detect)
    encoding = rapport_encoding_detect (data, len);
  text = decode_text (data, len, encoding, &text_len, error);
  if (text == NULL)
    return FALSE;
  /* The raw bytes go before the text is used: never both held long. */
  g_clear_pointer (&data, g_free);

  if (only_blank (text, text_len))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("This file has no rows to import"));
      return FALSE;
    }

  if (detect)
    separator = rapport_csv_detect_separator (text, text_len);

  g_free (self->text);
  self->text = g_steal_pointer (&text);
  self->text_len = text_len;
  self->encoding = encoding;
  self->separator = separator;
  return TRUE;
}

static gboolean
read_head (GFile         *file,
           char          *head,
           gsize         *head_len,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr (GFileInputStream) stream = g_file_read (file, cancellable, error);

  if (stream == NULL)
    return FALSE;

  return g_input_stream_read_all (G_INPUT_STREAM (stream), head, HEAD_BYTES,
                                  head_len, cancellable, error);
}

RapportImportSource *
rapport_import_source_open (GFile         *file,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr (RapportImportSource) self = NULL;
  char head[HEAD_BYTES];
  gsize head_len = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_head (file, head, &head_len, cancellable, error))
    return NULL;

  self = g_new0 (RapportImportSource, 1);
  self->file = g_object_ref (file);
  self->separator = ',';

  if (!rapport_import_source_detect_format (head, head_len, &self->format))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("This file has no rows to import"));
      return NULL;
    }

  switch (self->format)
    {
    case RAPPORT_IMPORT_FORMAT_CSV:
    case RAPPORT_IMPORT_FORMAT_VCARD:
      if (!load_text (self, TRUE, RAPPORT_ENCODING_UTF8, ',', cancellable, error))
        return NULL;
      break;

    case RAPPORT_IMPORT_FORMAT_XLSX:
    case RAPPORT_IMPORT_FORMAT_XLS:
      if (g_file_peek_path (file) == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Rapport cannot read this kind of file"));
          return NULL;
        }
      break;

    default:
      g_assert_not_reached ();
    }

  return g_steal_pointer (&self);
}

gboolean
rapport_import_source_reopen_text (RapportImportSource  *self,
                                   RapportEncoding       encoding,
                                   char                  separator,
                                   GCancellable         *cancellable,
                                   GError              **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->format != RAPPORT_IMPORT_FORMAT_CSV)
    return TRUE;

  return load_text (self, FALSE, encoding, separator, cancellable, error);
}

void
rapport_import_source_free (RapportImportSource *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->file);
  g_free (self->text);
  g_free (self);
}

RapportImportFormat
rapport_import_source_get_format (RapportImportSource *self)
{
  return self->format;
}

RapportEncoding
rapport_import_source_get_encoding (RapportImportSource *self)
{
  return self->encoding;
}

char
rapport_import_source_get_separator (RapportImportSource *self)
{
  return self->separator;
}

/* Reading rows */

typedef struct
{
  RapportImportRowFunc  func;
  gpointer              user_data;
  GCancellable         *cancellable;
  GError               *error;
} RowPass;

static gboolean
csv_row_cb (const char * const *fields,
            guint               n_fields,
            guint               line,
            gpointer            user_data)
{
  RowPass *pass = user_data;

  if (g_cancellable_set_error_if_cancelled (pass->cancellable, &pass->error))
    return FALSE;

  return pass->func (line, fields, n_fields, pass->user_data, &pass->error);
}

static gboolean
xlsx_row_cb (guint               row_number,
             const char * const *cells,
             gpointer            user_data,
             GError            **error)
{
  RowPass *pass = user_data;

  if (!pass->func (row_number, cells, g_strv_length ((char **) cells), pass->user_data, &pass->error))
    {
      /* The reader needs an error to stop; a stop without one is ours. */
      if (pass->error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "");
      else
        g_set_error_literal (error, pass->error->domain, pass->error->code, pass->error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
foreach_xlsx_row (RapportImportSource  *self,
                  RowPass              *pass,
                  GError              **error)
{
  g_autoptr (GError) local_error = NULL;

  if (rapport_xlsx_read_foreach (g_file_peek_path (self->file), NULL, xlsx_row_cb, pass,
                                 pass->cancellable, &local_error))
    return TRUE;

  if (pass->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&pass->error));
      return FALSE;
    }
  /* Stopped by the caller without an error. */
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && !g_cancellable_is_cancelled (pass->cancellable))
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
foreach_xls_row (RapportImportSource  *self,
                 RowPass              *pass,
                 GError              **error)
{
  g_autoptr (GPtrArray) rows = rapport_xls_read (g_file_peek_path (self->file),
                                                 pass->cancellable, error);
  guint row_number = 0;

  if (rows == NULL)
    return FALSE;

  /* The reader leaves out empty rows without saying where: number the rows
   * it gives. */
  for (guint i = 0; i < rows->len; i++)
    {
      const char * const *cells = g_ptr_array_index (rows, i);

      if (g_cancellable_set_error_if_cancelled (pass->cancellable, error))
        return FALSE;
      if (!pass->func (++row_number, cells, g_strv_length ((char **) cells), pass->user_data, error))
        return error == NULL || *error == NULL;
    }

  return TRUE;
}

/* vCards: one row per card, its columns vcard_fields */

typedef struct
{
  RowPass   *pass;
  gboolean   header_given;
} VCardPass;

static char *
join_or_empty (GPtrArray *values)
{
  g_ptr_array_add (values, NULL);
  return g_strjoinv ("\n", (char **) values->pdata);
}

static gboolean
vcard_row_cb (const RapportVCard *card,
              guint               card_number,
              gpointer            user_data)
{
  VCardPass *vcard_pass = user_data;
  RowPass *pass = vcard_pass->pass;
  g_autoptr (GPtrArray) mobiles = g_ptr_array_new ();
  g_autoptr (GPtrArray) phones = g_ptr_array_new ();
  g_autoptr (GPtrArray) emails = g_ptr_array_new ();
  g_autoptr (GPtrArray) tags = g_ptr_array_new ();
  g_autofree char *mobile_cell = NULL;
  g_autofree char *phone_cell = NULL;
  g_autofree char *email_cell = NULL;
  g_autofree char *tag_cell = NULL;
  const char *cells[G_N_ELEMENTS (vcard_fields)];

  if (g_cancellable_set_error_if_cancelled (pass->cancellable, &pass->error))
    return FALSE;

  for (guint i = 0; card->phones != NULL && card->phones[i] != NULL; i++)
    {
      const char *types = card->phone_types != NULL ? card->phone_types[i] : NULL;

      if (types != NULL && rapport_vcard_types_contain (types, "cell"))
        g_ptr_array_add (mobiles, card->phones[i]);
      else
        g_ptr_array_add (phones, card->phones[i]);
    }
  for (guint i = 0; card->emails != NULL && card->emails[i] != NULL; i++)
    g_ptr_array_add (emails, card->emails[i]);
  for (guint i = 0; card->categories != NULL && card->categories[i] != NULL; i++)
    g_ptr_array_add (tags, card->categories[i]);
  mobile_cell = join_or_empty (mobiles);
  phone_cell = join_or_empty (phones);
  email_cell = join_or_empty (emails);
  tag_cell = join_or_empty (tags);

  /* A card without an organisation is a person: the job makes it a
   * customer of its own, not a company named after its one contact. */
  cells[0] = card->organisation;
  cells[1] = card->formatted_name;
  cells[2] = card->title;
  cells[3] = mobile_cell;
  cells[4] = phone_cell;
  cells[5] = email_cell;
  cells[6] = card->birthday != NULL ? card->birthday : card->birthday_text;
  cells[7] = card->address;
  cells[8] = card->note;
  cells[9] = tag_cell;
  cells[10] = card->url;
  cells[11] = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (cells) - 1; i++)
    if (cells[i] == NULL)
      cells[i] = "";

  if (!vcard_pass->header_given)
    {
      const char *headers[G_N_ELEMENTS (vcard_fields)];

      for (guint i = 0; vcard_fields[i] != NULL; i++)
        headers[i] = rapport_import_field_get_label (vcard_fields[i]);
      headers[G_N_ELEMENTS (vcard_fields) - 1] = NULL;
      vcard_pass->header_given = TRUE;
      if (!pass->func (0, headers, G_N_ELEMENTS (vcard_fields) - 1, pass->user_data, &pass->error))
        return FALSE;
    }

  return pass->func (card_number, cells, G_N_ELEMENTS (cells) - 1, pass->user_data, &pass->error);
}

static gboolean
foreach_vcard_row (RapportImportSource  *self,
                   RowPass              *pass,
                   GError              **error)
{
  VCardPass vcard_pass = { pass, FALSE };

  if (!rapport_vcard_foreach_card (self->text, vcard_row_cb, &vcard_pass, error))
    {
      g_clear_error (&pass->error);
      return FALSE;
    }
  if (pass->error != NULL)
    {
      g_propagate_error (error, pass->error);
      return FALSE;
    }
  return TRUE;
}

gboolean
rapport_import_source_foreach_row (RapportImportSource   *self,
                                   RapportImportRowFunc   func,
                                   gpointer               user_data,
                                   GCancellable          *cancellable,
                                   GError               **error)
{
  RowPass pass = { func, user_data, cancellable, NULL };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  switch (self->format)
    {
    case RAPPORT_IMPORT_FORMAT_CSV:
      if (!rapport_csv_foreach_row (self->text, self->text_len, self->separator,
                                    csv_row_cb, &pass, error))
        return FALSE;
      if (pass.error != NULL)
        {
          g_propagate_error (error, pass.error);
          return FALSE;
        }
      return TRUE;

    case RAPPORT_IMPORT_FORMAT_XLSX:
      return foreach_xlsx_row (self, &pass, error);

    case RAPPORT_IMPORT_FORMAT_XLS:
      return foreach_xls_row (self, &pass, error);

    case RAPPORT_IMPORT_FORMAT_VCARD:
      return foreach_vcard_row (self, &pass, error);

    default:
      g_assert_not_reached ();
    }
}

const char * const *
rapport_import_source_vcard_fields (void)
{
  return vcard_fields;
}
