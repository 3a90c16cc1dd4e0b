/* rapport-csv-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-csv-writer"

#include "rapport-csv-writer.h"

#include <glib/gi18n.h>
#include <string.h>

/* Large enough that a 100,000-row export makes a few hundred writes, not a
 * write per row. */
#define FLUSH_SIZE (64 * 1024)

struct _RapportCsvWriter
{
  GOutputStream   *stream;
  RapportEncoding  encoding;
  char             separator;
  GIConv           converter;   /* (GIConv) -1 for UTF-8 */
  GString         *row;         /* the record being built, UTF-8 */
  GString         *pending;     /* encoded bytes not yet written */
  guint            n_rows;
};

static const char *
iconv_name (RapportEncoding encoding)
{
  switch (encoding)
    {
    case RAPPORT_ENCODING_UTF16LE:
      return "UTF-16LE";
    case RAPPORT_ENCODING_UTF16BE:
      return "UTF-16BE";
    case RAPPORT_ENCODING_GB18030:
      return "GB18030";
    case RAPPORT_ENCODING_UTF8:
    default:
      return NULL;
    }
}

/* What may follow a leading '+' or '-' in a cell that is a phone number or a
 * signed number: no letter, no operator but '-', so nothing a spreadsheet
 * could call. */
static gboolean
is_number_like (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p) && strchr (" .,()/-", *p) == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
needs_formula_guard (const char *cell)
{
  switch (cell[0])
    {
    case '=':
    case '@':
    case '\t':
    case '\r':
      return TRUE;
    case '+':
    case '-':
      return !is_number_like (cell + 1);
    default:
      return FALSE;
    }
}

static gboolean
needs_quotes (const char *cell,
              gsize       len,
              char        separator)
{
  if (len == 0)
    return FALSE;
  if (cell[0] == ' ' || cell[len - 1] == ' ')
    return TRUE;
  for (gsize i = 0; i < len; i++)
    {
      char c = cell[i];

      if (c == separator || c == '"' || c == '\r' || c == '\n')
        return TRUE;
    }
  return FALSE;
}

static void
append_cell (GString    *row,
             const char *cell,
             char        separator)
{
  gboolean guard = needs_formula_guard (cell);
  gsize len = strlen (cell);

  if (!guard && !needs_quotes (cell, len, separator))
    {
      g_string_append_len (row, cell, len);
      return;
    }
  if (!needs_quotes (cell, len, separator))
    {
      g_string_append_c (row, '\'');
      g_string_append_len (row, cell, len);
      return;
    }

  g_string_append_c (row, '"');
  if (guard)
    g_string_append_c (row, '\'');
  for (const char *p = cell; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (row, '"');
      g_string_append_c (row, *p);
    }
  g_string_append_c (row, '"');
}

static gboolean
flush (RapportCsvWriter  *self,
       GCancellable      *cancellable,
       GError           **error)
{
  gboolean ok;

  if (self->pending->len == 0)
    return TRUE;
  ok = g_output_stream_write_all (self->stream, self->pending->str, self->pending->len,
                                  NULL, cancellable, error);
  g_string_truncate (self->pending, 0);
  return ok;
}

char *
rapport_csv_escape_formula (const char *cell)
{
  if (cell == NULL)
    return g_strdup ("");
  if (needs_formula_guard (cell))
    return g_strconcat ("'", cell, NULL);
  return g_strdup (cell);
}

RapportCsvWriter *
rapport_csv_writer_new (GOutputStream   *stream,
                        RapportEncoding  encoding,
                        char             separator)
{
  RapportCsvWriter *self;
  const char *target;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);
  g_return_val_if_fail (separator == ',' || separator == ';' || separator == '\t', NULL);

  self = g_new0 (RapportCsvWriter, 1);
  self->stream = g_object_ref (stream);
  self->encoding = encoding;
  self->separator = separator;
  self->row = g_string_sized_new (256);
  self->pending = g_string_sized_new (FLUSH_SIZE + 4096);
  self->converter = (GIConv) -1;

  target = iconv_name (encoding);
  if (target != NULL)
    self->converter = g_iconv_open (target, "UTF-8");

  switch (encoding)
    {
    case RAPPORT_ENCODING_UTF8:
      g_string_append (self->pending, "\xEF\xBB\xBF");
      break;
    case RAPPORT_ENCODING_UTF16LE:
      g_string_append_len (self->pending, "\xFF\xFE", 2);
      break;
    case RAPPORT_ENCODING_UTF16BE:
      g_string_append_len (self->pending, "\xFE\xFF", 2);
      break;
    case RAPPORT_ENCODING_GB18030:
    default:
      break;
    }

  return self;
}

gboolean
rapport_csv_writer_write_row (RapportCsvWriter    *self,
                              const char * const  *cells,
                              guint                n_cells,
                              GCancellable        *cancellable,
                              GError             **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (cells != NULL || n_cells == 0, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  self->n_rows++;
  g_string_truncate (self->row, 0);
  for (guint i = 0; i < n_cells; i++)
    {
      if (i > 0)
        g_string_append_c (self->row, self->separator);
      append_cell (self->row, cells[i] != NULL ? cells[i] : "", self->separator);
    }
  g_string_append (self->row, "\r\n");

  if (self->encoding == RAPPORT_ENCODING_UTF8)
    {
      g_string_append_len (self->pending, self->row->str, self->row->len);
    }
  else
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *converted = NULL;
      gsize written = 0;

      if (self->converter == (GIConv) -1)
        {
          g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION,
                       _("Cannot write text in %s on this system."),
                       rapport_encoding_get_label (self->encoding));
          return FALSE;
        }

      converted = g_convert_with_iconv (self->row->str, self->row->len, self->converter,
                                        NULL, &written, &local_error);
      if (converted == NULL)
        {
          /* Back to the initial state for the next row. */
          g_iconv (self->converter, NULL, NULL, NULL, NULL);
          g_set_error (error, G_CONVERT_ERROR,
                       local_error->domain == G_CONVERT_ERROR ? local_error->code : G_CONVERT_ERROR_FAILED,
                       _("Row %u cannot be written in %s (%s)."),
                       self->n_rows, rapport_encoding_get_label (self->encoding),
                       local_error->message);
          return FALSE;
        }
      g_string_append_len (self->pending, converted, written);
    }

  if (self->pending->len >= FLUSH_SIZE)
    return flush (self, cancellable, error);
  return TRUE;
}

gboolean
rapport_csv_writer_close (RapportCsvWriter  *self,
                          GCancellable      *cancellable,
                          GError           **error)
{
  gboolean flushed;

  g_return_val_if_fail (self != NULL, FALSE);

  flushed = flush (self, cancellable, error);
  /* The stream is closed even when the flush failed, so that its file is released. */
  if (!g_output_stream_close (self->stream, cancellable, flushed ? error : NULL))
    return FALSE;
  return flushed;
}

void
rapport_csv_writer_free (RapportCsvWriter *self)
{
  if (self == NULL)
    return;

  if (self->converter != (GIConv) -1)
    g_iconv_close (self->converter);
  g_string_free (self->row, TRUE);
  g_string_free (self->pending, TRUE);
  g_object_unref (self->stream);
  g_free (self);
}
