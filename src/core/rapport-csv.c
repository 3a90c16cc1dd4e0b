/* rapport-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "rapport-csv.h"

#include <csv.h>
#include <glib/gi18n.h>
#include <string.h>

G_DEFINE_QUARK (rapport-csv-error-quark, rapport_csv_error)

static const char separators[] = { ',', '\t', ';' };

/* The states of libcsv 3's parser (struct csv_parser's pstate, whose values
 * csv.h leaves out): no record begun, and inside a field. */
#define CSV_STATE_ROW_NOT_BEGUN 0
#define CSV_STATE_FIELD_BEGUN 2

/* Enough lines to tell a separator, few enough to stay instant on a big file. */
#define DETECT_MAX_LINES 50

char
rapport_csv_detect_separator (const char *text,
                              gsize       len)
{
  guint counts[DETECT_MAX_LINES][G_N_ELEMENTS (separators)] = { { 0 } };
  guint lines = 0;
  gboolean quoted = FALSE;
  gboolean line_has_content = FALSE;
  char best = ',';
  guint best_score = 0;

  g_return_val_if_fail (text != NULL || len == 0, ',');

  for (gsize i = 0; i < len && lines < DETECT_MAX_LINES; i++)
    {
      char c = text[i];

      if (c == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (c == '\n' || c == '\r')
        {
          if (line_has_content)
            lines++;
          line_has_content = FALSE;
          continue;
        }
      else
        {
          for (guint s = 0; s < G_N_ELEMENTS (separators); s++)
            counts[lines][s] += c == separators[s];
        }
      line_has_content = TRUE;
    }
  if (line_has_content && lines < DETECT_MAX_LINES)
    lines++;

  for (guint s = 0; s < G_N_ELEMENTS (separators); s++)
    {
      guint header = lines > 0 ? counts[0][s] : 0;
      guint score = 0;

      if (header == 0)
        continue;
      for (guint l = 0; l < lines; l++)
        score += counts[l][s] == header;
      /* Agreeing lines first, then more columns. */
      score = score * 1000 + MIN (header, 999);
      if (score > best_score)
        {
          best_score = score;
          best = separators[s];
        }
    }

  return best;
}

/* Takes a record's fields (a NULL-terminated array it may steal from) and the
 * line the record starts on; FALSE stops the parse. */
typedef gboolean (*RowSink) (GPtrArray *fields,
                             guint      line,
                             gpointer   user_data);

typedef struct {
  RowSink sink;
  gpointer sink_data;
  GPtrArray *fields;
  gboolean row_has_text;
  gboolean stopped;
  guint line;
  guint row_start_line;
} ParseState;

static void
on_field (void   *field,
          size_t  len,
          void   *user_data)
{
  ParseState *state = user_data;

  if (state->stopped)
    return;
  if (len > 0)
    state->row_has_text = TRUE;
  g_ptr_array_add (state->fields, g_strndup (field, len));
}

static void
on_row_end (int   terminator,
            void *user_data)
{
  ParseState *state = user_data;

  (void) terminator;

  if (state->stopped)
    return;
  g_ptr_array_add (state->fields, NULL);
  if (state->row_has_text &&
      !state->sink (state->fields, state->row_start_line, state->sink_data))
    state->stopped = TRUE;
  g_ptr_array_set_size (state->fields, 0);
  state->row_has_text = FALSE;
}

/* The end of the physical line starting at @line: after its LF, CRLF or lone CR. */
static const char *
line_end (const char *line,
          const char *end)
{
  for (const char *p = line; p < end; p++)
    {
      if (*p == '\n')
        return p + 1;
      if (*p == '\r')
        return p + 1 < end && p[1] == '\n' ? p + 2 : p + 1;
    }

  return end;
}

static gboolean
parse_rows (const char  *text,
            gsize        len,
            char         separator,
            RowSink      sink,
            gpointer     sink_data,
            GError     **error)
{
  struct csv_parser parser;
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  ParseState state = { sink, sink_data, fields, FALSE, FALSE, 1, 1 };
  const char *line = text;
  const char *end = text + len;
  gboolean failed = FALSE;

  /* Not strict: a stray quote inside an unquoted field is kept as text
   * (spreadsheets write them). A quoted field left open is checked at the end. */
  if (csv_init (&parser, 0) != 0)
    {
      g_set_error_literal (error, RAPPORT_CSV_ERROR, RAPPORT_CSV_ERROR_FAILED,
                           _("Not enough memory to read the file."));
      return FALSE;
    }
  csv_set_delim (&parser, (unsigned char) separator);

  /* Line by line, so that each record's first line is known. */
  while (line < end && !failed && !state.stopped)
    {
      const char *next = line_end (line, end);
      gsize chunk = (gsize) (next - line);

      if (parser.pstate == CSV_STATE_ROW_NOT_BEGUN)
        state.row_start_line = state.line;
      if (csv_parse (&parser, line, chunk, on_field, on_row_end, &state) != chunk)
        failed = TRUE;
      line = next;
      state.line++;
    }
  if (state.stopped)
    {
      csv_free (&parser);
      return TRUE;
    }
  if (!failed && parser.pstate == CSV_STATE_FIELD_BEGUN && parser.quoted)
    {
      g_set_error (error, RAPPORT_CSV_ERROR, RAPPORT_CSV_ERROR_UNCLOSED_QUOTE,
                   _("The quoted text in the row starting on line %u is never closed: a closing quote (\") is missing."),
                   state.row_start_line);
      csv_free (&parser);
      return FALSE;
    }
  if (!failed && csv_fini (&parser, on_field, on_row_end, &state) != 0)
    failed = TRUE;
  csv_free (&parser);
  if (failed)
    {
      g_set_error_literal (error, RAPPORT_CSV_ERROR, RAPPORT_CSV_ERROR_FAILED,
                           _("The file could not be read: it is too large for the memory available."));
      return FALSE;
    }

  return TRUE;
}

typedef struct {
  RapportCsvRowFunc func;
  gpointer user_data;
} ForeachData;

static gboolean
sink_to_func (GPtrArray *fields,
              guint      line,
              gpointer   user_data)
{
  ForeachData *data = user_data;

  return data->func ((const char * const *) fields->pdata, fields->len - 1, line, data->user_data);
}

gboolean
rapport_csv_foreach_row (const char         *text,
                         gsize               len,
                         char                separator,
                         RapportCsvRowFunc   func,
                         gpointer            user_data,
                         GError            **error)
{
  ForeachData data = { func, user_data };

  g_return_val_if_fail (text != NULL || len == 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return parse_rows (text, len, separator, sink_to_func, &data, error);
}

static gboolean
sink_to_array (GPtrArray *fields,
               guint      line,
               gpointer   user_data)
{
  GPtrArray *rows = user_data;

  (void) line;

  g_ptr_array_add (rows, g_ptr_array_steal (fields, NULL));
  return TRUE;
}

GPtrArray *
rapport_csv_parse (const char  *text,
                   gsize        len,
                   char         separator,
                   GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!parse_rows (text, len, separator, sink_to_array, rows, error))
    return NULL;

  return g_steal_pointer (&rows);
}
