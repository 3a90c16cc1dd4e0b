/* rapport-xlsx-reader.c
 *
 * Two passes over the zip: the first keeps the small parts that say where the
 * first sheet is and how to read it (workbook, its relationships, shared
 * strings, styles), the second streams that sheet. Every part is unpacked into
 * memory under RAPPORT_XLSX_MAX_PART_SIZE, whatever size its header claims.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-xlsx-reader"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n.h>
#include <libxml/xmlreader.h>
#include <errno.h>
#include <math.h>
#include <string.h>

#include "rapport-xlsx-reader.h"

G_DEFINE_QUARK (rapport-spreadsheet-error-quark, rapport_spreadsheet_error)

#define WORKBOOK_PART "xl/workbook.xml"
#define WORKBOOK_RELS_PART "xl/_rels/workbook.xml.rels"
#define SHARED_STRINGS_PART "xl/sharedStrings.xml"
#define STYLES_PART "xl/styles.xml"
#define FIRST_SHEET_FALLBACK "xl/worksheets/sheet1.xml"
/* Column XFD, the last one Excel has. */
#define MAX_COLUMNS 16384

typedef enum
{
  VALUE_NUMBER,
  VALUE_DATE,
  VALUE_DATE_TIME,
  VALUE_TIME,
} ValueKind;

typedef struct
{
  const char *path;
  GBytes *bytes;
  GCancellable *cancellable;

  GPtrArray *shared_strings;
  GArray *style_kinds;      /* ValueKind by cell style index */
  gboolean date1904;
  char *sheet_part;
} Workbook;

static void
workbook_clear (Workbook *book)
{
  g_clear_pointer (&book->shared_strings, g_ptr_array_unref);
  g_clear_pointer (&book->style_kinds, g_array_unref);
  g_clear_pointer (&book->sheet_part, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Workbook, workbook_clear)

/* --- The zip ------------------------------------------------------------ */

static struct archive *
open_archive (Workbook *book,
              GError  **error)
{
  struct archive *archive = archive_read_new ();
  int status = -1;

  archive_read_support_format_zip (archive);
  archive_read_support_filter_none (archive);
  if (book->path != NULL)
    status = archive_read_open_filename (archive, book->path, 64 * 1024);
  else
    status = archive_read_open_memory (archive,
                                       g_bytes_get_data (book->bytes, NULL),
                                       g_bytes_get_size (book->bytes));
  if (status != ARCHIVE_OK)
    {
      int errnum = archive_errno (archive);

      /* A file that cannot be opened, rather than one no format recognizes. */
      if (book->path != NULL
          && (errnum == ENOENT || errnum == EACCES || errnum == EISDIR || errnum == EPERM))
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errnum),
                     _("Could not open the file: %s"), g_strerror (errnum));
      else
        g_set_error_literal (error, RAPPORT_SPREADSHEET_ERROR,
                             RAPPORT_SPREADSHEET_ERROR_NOT_SPREADSHEET,
                             _("This file is not an Excel workbook (.xlsx)."));
      archive_read_free (archive);
      return NULL;
    }

  return archive;
}

static void
set_damaged_error (GError    **error,
                   const char *detail)
{
  g_set_error (error, RAPPORT_SPREADSHEET_ERROR, RAPPORT_SPREADSHEET_ERROR_DAMAGED,
               _("The workbook is damaged: %s"), detail);
}

static GBytes *
read_entry (struct archive       *archive,
            struct archive_entry *entry,
            GCancellable         *cancellable,
            GError              **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buffer[64 * 1024];
  la_ssize_t n;

  if (archive_entry_size_is_set (entry)
      && archive_entry_size (entry) > RAPPORT_XLSX_MAX_PART_SIZE)
    goto too_large;

  while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
    {
      if ((gint64) data->len + n > RAPPORT_XLSX_MAX_PART_SIZE)
        goto too_large;
      g_byte_array_append (data, buffer, n);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }
  if (n < 0)
    {
      set_damaged_error (error, archive_error_string (archive));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));

too_large:
  g_set_error (error, RAPPORT_SPREADSHEET_ERROR, RAPPORT_SPREADSHEET_ERROR_TOO_LARGE,
               _("The workbook’s part “%s” unpacks larger than %d MB: it is not read."),
               archive_entry_pathname (entry),
               (int) (RAPPORT_XLSX_MAX_PART_SIZE / (1024 * 1024)));
  return NULL;
}

static const char *
wanted_name (const char * const *wanted,
             const char         *name)
{
  if (name != NULL && name[0] == '/')
    name++;
  for (gsize i = 0; name != NULL && wanted[i] != NULL; i++)
    if (g_ascii_strcasecmp (wanted[i], name) == 0)
      return wanted[i];
  return NULL;
}

/* Fills @parts (wanted name → GBytes) with those of @wanted that exist. */
static gboolean
read_parts (Workbook           *book,
            const char * const *wanted,
            GHashTable         *parts,
            GError            **error)
{
  struct archive *archive = open_archive (book, error);
  struct archive_entry *entry;
  gboolean any_entry = FALSE;
  gboolean ok = TRUE;
  int status = -1;

  if (archive == NULL)
    return FALSE;

  while ((status = archive_read_next_header (archive, &entry)) == ARCHIVE_OK
         || status == ARCHIVE_WARN)
    {
      const char *name = wanted_name (wanted, archive_entry_pathname (entry));

      any_entry = TRUE;
      if (g_cancellable_set_error_if_cancelled (book->cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if (name != NULL && !g_hash_table_contains (parts, name))
        {
          GBytes *data = read_entry (archive, entry, book->cancellable, error);

          if (data == NULL)
            {
              ok = FALSE;
              break;
            }
          g_hash_table_insert (parts, (gpointer) name, data);
          if (g_hash_table_size (parts) == g_strv_length ((char **) wanted))
            break;
        }
    }

  if (ok && status == ARCHIVE_FATAL)
    {
      if (any_entry)
        set_damaged_error (error, archive_error_string (archive));
      else
        g_set_error_literal (error, RAPPORT_SPREADSHEET_ERROR,
                             RAPPORT_SPREADSHEET_ERROR_NOT_SPREADSHEET,
                             _("This file is not an Excel workbook (.xlsx)."));
      ok = FALSE;
    }

  archive_read_free (archive);
  return ok;
}

/* --- XML ---------------------------------------------------------------- */

typedef struct
{
  char *message;
  int line;
} XmlProblem;

static void
on_xml_error (void       *user_data,
              xmlErrorPtr problem)
{
  XmlProblem *first = user_data;

  if (first->message == NULL && problem != NULL && problem->level >= XML_ERR_ERROR)
    {
      first->message = g_strstrip (g_strdup (problem->message != NULL ? problem->message : ""));
      first->line = problem->line;
    }
}

static xmlTextReaderPtr
xml_reader_new (GBytes     *data,
                const char *part,
                XmlProblem *problem)
{
  gsize size;
  const char *text = g_bytes_get_data (data, &size);
  xmlTextReaderPtr reader;

  /* No network, no entity substitution: libxml2's defaults bound expansion. */
  reader = xmlReaderForMemory (text, (int) MIN (size, G_MAXINT), part, NULL,
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (reader != NULL)
    xmlTextReaderSetStructuredErrorHandler (reader, on_xml_error, problem);
  return reader;
}

/* Finishes a pass over @part: @status is the last xmlTextReaderRead(). */
static gboolean
xml_reader_finish (xmlTextReaderPtr reader,
                   int              status,
                   const char      *part,
                   XmlProblem      *problem,
                   GError         **error)
{
  gboolean ok = status >= 0 && reader != NULL;

  if (!ok)
    {
      g_autofree char *detail = NULL;

      detail = g_strdup_printf (_("its part “%s” is not well-formed XML (line %d: %s)"),
                                part, problem->line,
                                problem->message != NULL ? problem->message : "?");
      set_damaged_error (error, detail);
    }
  g_clear_pointer (&problem->message, g_free);
  if (reader != NULL)
    xmlFreeTextReader (reader);
  return ok;
}

static gboolean
is_element (xmlTextReaderPtr reader,
            const char      *local_name)
{
  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT
         && g_strcmp0 ((const char *) xmlTextReaderConstLocalName (reader), local_name) == 0;
}

static gboolean
is_end (xmlTextReaderPtr reader,
        const char      *local_name)
{
  int type = xmlTextReaderNodeType (reader);

  return (type == XML_READER_TYPE_END_ELEMENT
          || (type == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement (reader)))
         && g_strcmp0 ((const char *) xmlTextReaderConstLocalName (reader), local_name) == 0;
}

static gboolean
is_text (xmlTextReaderPtr reader)
{
  switch (xmlTextReaderNodeType (reader))
    {
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
      return TRUE;
    default:
      return FALSE;
    }
}

/* An attribute by local name, whatever its namespace prefix. */
static char *
get_attribute (xmlTextReaderPtr reader,
               const char      *local_name)
{
  char *value = NULL;

  if (xmlTextReaderMoveToFirstAttribute (reader) != 1)
    return NULL;
  do
    {
      if (g_strcmp0 ((const char *) xmlTextReaderConstLocalName (reader), local_name) == 0)
        {
          value = g_strdup ((const char *) xmlTextReaderConstValue (reader));
          break;
        }
    }
  while (xmlTextReaderMoveToNextAttribute (reader) == 1);
  xmlTextReaderMoveToElement (reader);
  return value;
}

/* Excel writes control characters as _xHHHH_ in text. */
static void
append_unescaped (GString    *out,
                  const char *text)
{
  while (*text != '\0')
    {
      if (text[0] == '_' && text[1] == 'x' && g_ascii_isxdigit (text[2])
          && g_ascii_isxdigit (text[3]) && g_ascii_isxdigit (text[4])
          && g_ascii_isxdigit (text[5]) && text[6] == '_')
        {
          gunichar c = (g_ascii_xdigit_value (text[2]) << 12) | (g_ascii_xdigit_value (text[3]) << 8)
                       | (g_ascii_xdigit_value (text[4]) << 4) | g_ascii_xdigit_value (text[5]);

          if (g_unichar_validate (c))
            g_string_append_unichar (out, c);
          text += 7;
          continue;
        }
      g_string_append_c (out, *text);
      text++;
    }
}

/* Text runs of a string item (<si> or <is>) ending at @end_name: the <t>s
 * directly in it or in its <r> runs, not those of phonetic guides (<rPh>). */
typedef struct
{
  GString *text;
  gboolean in_t;
  guint phonetic_depth;
} RunText;

static void
run_text_feed (RunText         *run,
               xmlTextReaderPtr reader)
{
  int type = xmlTextReaderNodeType (reader);

  if (type == XML_READER_TYPE_ELEMENT && !xmlTextReaderIsEmptyElement (reader))
    {
      const char *name = (const char *) xmlTextReaderConstLocalName (reader);

      if (g_strcmp0 (name, "rPh") == 0)
        run->phonetic_depth++;
      else if (g_strcmp0 (name, "t") == 0)
        run->in_t = TRUE;
    }
  else if (type == XML_READER_TYPE_END_ELEMENT)
    {
      const char *name = (const char *) xmlTextReaderConstLocalName (reader);

      if (g_strcmp0 (name, "rPh") == 0 && run->phonetic_depth > 0)
        run->phonetic_depth--;
      else if (g_strcmp0 (name, "t") == 0)
        run->in_t = FALSE;
    }
  else if (run->in_t && run->phonetic_depth == 0 && is_text (reader))
    append_unescaped (run->text, (const char *) xmlTextReaderConstValue (reader));
}

/* --- Workbook, relationships, shared strings, styles --------------------- */

static gboolean
read_workbook (Workbook *book,
               GBytes   *data,
               char    **first_sheet_rid,
               GError  **error)
{
  XmlProblem problem = { 0 };
  xmlTextReaderPtr reader = xml_reader_new (data, WORKBOOK_PART, &problem);
  int status = -1;

  while (reader != NULL && (status = xmlTextReaderRead (reader)) == 1)
    {
      if (is_element (reader, "workbookPr"))
        {
          g_autofree char *date1904 = get_attribute (reader, "date1904");

          book->date1904 = g_strcmp0 (date1904, "1") == 0 || g_strcmp0 (date1904, "true") == 0;
        }
      else if (is_element (reader, "sheet") && *first_sheet_rid == NULL)
        *first_sheet_rid = get_attribute (reader, "id");
    }

  return xml_reader_finish (reader, reader != NULL ? status : -1, WORKBOOK_PART, &problem, error);
}

static char *
resolve_target (const char *target)
{
  if (target[0] == '/')
    return g_strdup (target + 1);
  return g_strconcat ("xl/", target, NULL);
}

static gboolean
read_relationships (GBytes     *data,
                    const char *rid,
                    char      **sheet_part,
                    GError    **error)
{
  XmlProblem problem = { 0 };
  xmlTextReaderPtr reader = xml_reader_new (data, WORKBOOK_RELS_PART, &problem);
  int status = -1;

  while (reader != NULL && (status = xmlTextReaderRead (reader)) == 1)
    {
      if (is_element (reader, "Relationship") && *sheet_part == NULL)
        {
          g_autofree char *id = get_attribute (reader, "Id");
          g_autofree char *target = get_attribute (reader, "Target");

          if (g_strcmp0 (id, rid) == 0 && target != NULL)
            *sheet_part = resolve_target (target);
        }
    }

  return xml_reader_finish (reader, reader != NULL ? status : -1, WORKBOOK_RELS_PART, &problem, error);
}

static gboolean
read_shared_strings (Workbook *book,
                     GBytes   *data,
                     GError  **error)
{
  XmlProblem problem = { 0 };
  xmlTextReaderPtr reader = xml_reader_new (data, SHARED_STRINGS_PART, &problem);
  RunText run = { 0 };
  int status = -1;

  while (reader != NULL && (status = xmlTextReaderRead (reader)) == 1)
    {
      if (is_element (reader, "si"))
        {
          run = (RunText) { .text = g_string_new (NULL) };
          if (!xmlTextReaderIsEmptyElement (reader))
            continue;
        }
      if (run.text == NULL)
        continue;
      if (is_end (reader, "si"))
        {
          g_ptr_array_add (book->shared_strings, g_string_free (run.text, FALSE));
          run.text = NULL;
        }
      else
        run_text_feed (&run, reader);
    }
  if (run.text != NULL)
    g_string_free (run.text, TRUE);

  return xml_reader_finish (reader, reader != NULL ? status : -1, SHARED_STRINGS_PART, &problem, error);
}

static ValueKind
builtin_format_kind (guint id)
{
  /* 14–17 and 22 are the dates of every locale; 27–31, 36 and 50–58 the East
   * Asian ones (年月日); 18–21, 32–35 and 45–47 are times of day. */
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 58))
    return VALUE_DATE;
  if (id == 22)
    return VALUE_DATE_TIME;
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47))
    return VALUE_TIME;
  return VALUE_NUMBER;
}

/* A custom number format is a date when, outside quoted text, escapes and
 * [colour]/[locale] sections, it has a year or day, a time with hours or
 * seconds. */
static ValueKind
custom_format_kind (const char *code)
{
  gboolean has_date = FALSE, has_time = FALSE;

  for (const char *p = code; *p != '\0' && *p != ';'; p++)
    {
      switch (*p)
        {
        case '"':
          p = strchr (p + 1, '"');
          if (p == NULL)
            return VALUE_NUMBER;
          break;
        case '\\':
        case '_':
        case '*':
          if (p[1] != '\0')
            p++;
          break;
        case '[':
          /* [h], [mm] and [ss] are elapsed times; other sections are colours or locales. */
          if (p[1] == 'h' || p[1] == 'H' || p[1] == 's' || p[1] == 'S')
            has_time = TRUE;
          p = strchr (p, ']');
          if (p == NULL)
            return VALUE_NUMBER;
          break;
        case 'y': case 'Y': case 'd': case 'D': case 'e':
          has_date = TRUE;
          break;
        case 'h': case 'H': case 's': case 'S':
          has_time = TRUE;
          break;
        default:
          break;
        }
    }

  if (has_date)
    return has_time ? VALUE_DATE_TIME : VALUE_DATE;
  return has_time ? VALUE_TIME : VALUE_NUMBER;
}

static gboolean
read_styles (Workbook *book,
             GBytes   *data,
             GError  **error)
{
  g_autoptr(GHashTable) custom = g_hash_table_new (g_direct_hash, g_direct_equal);
  XmlProblem problem = { 0 };
  xmlTextReaderPtr reader = xml_reader_new (data, STYLES_PART, &problem);
  gboolean in_cell_xfs = FALSE;
  int status = -1;

  while (reader != NULL && (status = xmlTextReaderRead (reader)) == 1)
    {
      if (is_element (reader, "numFmt"))
        {
          g_autofree char *id = get_attribute (reader, "numFmtId");
          g_autofree char *code = get_attribute (reader, "formatCode");

          if (id != NULL && code != NULL)
            g_hash_table_insert (custom, GUINT_TO_POINTER (g_ascii_strtoull (id, NULL, 10)),
                                 GINT_TO_POINTER (custom_format_kind (code)));
        }
      else if (is_element (reader, "cellXfs"))
        in_cell_xfs = !xmlTextReaderIsEmptyElement (reader);
      else if (is_end (reader, "cellXfs"))
        in_cell_xfs = FALSE;
      else if (in_cell_xfs && is_element (reader, "xf"))
        {
          g_autofree char *id_text = get_attribute (reader, "numFmtId");
          guint id = id_text != NULL ? g_ascii_strtoull (id_text, NULL, 10) : 0;
          gpointer kind;
          ValueKind value_kind;

          if (g_hash_table_lookup_extended (custom, GUINT_TO_POINTER (id), NULL, &kind))
            value_kind = GPOINTER_TO_INT (kind);
          else
            value_kind = builtin_format_kind (id);
          g_array_append_val (book->style_kinds, value_kind);
        }
    }

  return xml_reader_finish (reader, reader != NULL ? status : -1, STYLES_PART, &problem, error);
}

static gboolean
read_workbook_parts (Workbook *book,
                     GError  **error)
{
  static const char * const wanted[] = {
    WORKBOOK_PART, WORKBOOK_RELS_PART, SHARED_STRINGS_PART, STYLES_PART, NULL,
  };
  g_autoptr(GHashTable) parts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       (GDestroyNotify) g_bytes_unref);
  g_autofree char *rid = NULL;
  GBytes *data;

  if (!read_parts (book, wanted, parts, error))
    return FALSE;

  data = g_hash_table_lookup (parts, WORKBOOK_PART);
  if (data == NULL)
    {
      g_set_error_literal (error, RAPPORT_SPREADSHEET_ERROR,
                           RAPPORT_SPREADSHEET_ERROR_NOT_SPREADSHEET,
                           _("This file is not an Excel workbook (.xlsx): it has no workbook part."));
      return FALSE;
    }
  if (!read_workbook (book, data, &rid, error))
    return FALSE;

  data = g_hash_table_lookup (parts, WORKBOOK_RELS_PART);
  if (data != NULL && rid != NULL
      && !read_relationships (data, rid, &book->sheet_part, error))
    return FALSE;
  if (book->sheet_part == NULL)
    book->sheet_part = g_strdup (FIRST_SHEET_FALLBACK);

  data = g_hash_table_lookup (parts, SHARED_STRINGS_PART);
  if (data != NULL && !read_shared_strings (book, data, error))
    return FALSE;

  data = g_hash_table_lookup (parts, STYLES_PART);
  if (data != NULL && !read_styles (book, data, error))
    return FALSE;

  return TRUE;
}

/* --- Cells --------------------------------------------------------------- */

/* "AB12" → 27 (0-based column), or -1. */
static int
column_from_reference (const char *reference)
{
  int column = 0;
  const char *p;

  for (p = reference; g_ascii_isalpha (*p); p++)
    {
      column = column * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      if (column > MAX_COLUMNS)
        return -1;
    }
  if (p == reference)
    return -1;
  return column - 1;
}

static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%.0f", value);
  /* 15 significant digits, as Excel shows: 0.1+0.2 is 0.3 there, not 0.30000000000000004. */
  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  return g_strdup (buffer);
}

/* Excel's serial day numbers: 1 is 1900-01-01 and 60 the 1900-02-29 it
 * believes in, so later days count from 1899-12-30; 0 is 1904-01-01 in the
 * 1904 system. */
static char *
format_serial (double    serial,
               ValueKind kind,
               gboolean  date1904)
{
  g_autoptr(GDate) date = NULL;
  double days = floor (serial);
  gint64 seconds = (gint64) llround ((serial - days) * 86400.0);
  char text[16];

  if (seconds >= 86400)
    {
      days += 1;
      seconds -= 86400;
    }
  if (kind == VALUE_TIME)
    return g_strdup_printf ("%02d:%02d:%02d", (int) (seconds / 3600),
                            (int) (seconds / 60 % 60), (int) (seconds % 60));
  if (serial < 0 || days > 2958465)   /* 9999-12-31 */
    return format_number (serial);

  if (date1904)
    date = g_date_new_dmy (1, G_DATE_JANUARY, 1904);
  else if (days < 60)
    date = g_date_new_dmy (31, G_DATE_DECEMBER, 1899);
  else
    date = g_date_new_dmy (30, G_DATE_DECEMBER, 1899);
  if (days < 1 && !date1904)
    return format_number (serial);
  g_date_add_days (date, (guint) days);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);

  if (kind == VALUE_DATE_TIME)
    return g_strdup_printf ("%s %02d:%02d:%02d", text, (int) (seconds / 3600),
                            (int) (seconds / 60 % 60), (int) (seconds % 60));
  return g_strdup (text);
}

typedef struct
{
  char *type;
  guint style;
  int column;
  GString *value;   /* the <v> text */
  RunText inline_text;
  gboolean in_v;
  gboolean in_is;
} Cell;

static char *
cell_text (Workbook *book,
           Cell     *cell)
{
  const char *type = cell->type != NULL ? cell->type : "n";
  const char *value = cell->value->str;

  if (g_str_equal (type, "inlineStr"))
    return g_strdup (cell->inline_text.text->str);
  if (g_str_equal (type, "s"))
    {
      guint64 index;

      if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &index, NULL)
          || index >= book->shared_strings->len)
        return g_strdup ("");
      return g_strdup (g_ptr_array_index (book->shared_strings, index));
    }
  if (g_str_equal (type, "b"))
    return g_strdup (g_strcmp0 (value, "1") == 0 ? "TRUE" : value[0] != '\0' ? "FALSE" : "");
  if (g_str_equal (type, "n") && value[0] != '\0')
    {
      char *end = NULL;
      double number = g_ascii_strtod (value, &end);
      ValueKind kind = VALUE_NUMBER;

      if (end == NULL || *end != '\0' || !isfinite (number))
        return g_strdup (value);
      if (cell->style < book->style_kinds->len)
        kind = g_array_index (book->style_kinds, ValueKind, cell->style);
      if (kind != VALUE_NUMBER)
        return format_serial (number, kind, book->date1904);
      return format_number (number);
    }
  if (g_str_equal (type, "d") && g_str_has_suffix (value, "T00:00:00"))
    return g_strndup (value, strlen (value) - strlen ("T00:00:00"));
  /* "str" (a formula's text), "e" (an error such as #N/A), "d" with a time. */
  return g_strdup (value);
}

typedef struct
{
  GPtrArray *cells;    /* char *, a row being read */
  guint number;
} Row;

static gboolean
emit_row (Row               *row,
          RapportXlsxRowFunc func,
          gpointer           user_data,
          GError           **error)
{
  while (row->cells->len > 0
         && *(const char *) g_ptr_array_index (row->cells, row->cells->len - 1) == '\0')
    g_ptr_array_remove_index (row->cells, row->cells->len - 1);
  if (row->cells->len == 0)
    return TRUE;

  g_ptr_array_add (row->cells, NULL);
  if (!func (row->number, (const char * const *) row->cells->pdata, user_data, error))
    return FALSE;
  g_ptr_array_set_size (row->cells, 0);
  return TRUE;
}

static gboolean
read_sheet (Workbook          *book,
            GBytes            *data,
            RapportXlsxRowFunc func,
            gpointer           user_data,
            GError           **error)
{
  XmlProblem problem = { 0 };
  xmlTextReaderPtr reader = xml_reader_new (data, book->sheet_part, &problem);
  Row row = { .cells = g_ptr_array_new_with_free_func (g_free) };
  Cell cell = { .value = g_string_new (NULL) };
  gboolean in_row = FALSE, in_cell = FALSE;
  guint rows_read = 0;
  int status = -1;
  gboolean ok = TRUE;

  cell.inline_text.text = g_string_new (NULL);

  while (reader != NULL && (status = xmlTextReaderRead (reader)) == 1)
    {
      if (is_element (reader, "row"))
        {
          g_autofree char *r = get_attribute (reader, "r");
          guint64 number = 0;

          if (r == NULL || !g_ascii_string_to_unsigned (r, 10, 1, G_MAXUINT, &number, NULL))
            number = row.number + 1;
          row.number = number;
          g_ptr_array_set_size (row.cells, 0);
          in_row = !xmlTextReaderIsEmptyElement (reader);
          if ((++rows_read & 0xff) == 0
              && g_cancellable_set_error_if_cancelled (book->cancellable, error))
            {
              ok = FALSE;
              break;
            }
          continue;
        }
      if (!in_row)
        continue;
      if (is_element (reader, "c"))
        {
          g_autofree char *reference = get_attribute (reader, "r");
          g_autofree char *style = get_attribute (reader, "s");

          g_clear_pointer (&cell.type, g_free);
          cell.type = get_attribute (reader, "t");
          cell.style = style != NULL ? g_ascii_strtoull (style, NULL, 10) : 0;
          cell.column = reference != NULL ? column_from_reference (reference) : (int) row.cells->len;
          if (cell.column < 0)
            {
              g_autofree char *detail = g_strdup_printf (_("a cell has the reference “%s”"), reference);

              set_damaged_error (error, detail);
              ok = FALSE;
              break;
            }
          g_string_truncate (cell.value, 0);
          g_string_truncate (cell.inline_text.text, 0);
          cell.in_v = cell.in_is = FALSE;
          in_cell = TRUE;
        }
      if (in_cell && is_end (reader, "c"))
        {
          char *text = cell_text (book, &cell);

          while ((int) row.cells->len < cell.column)
            g_ptr_array_add (row.cells, g_strdup (""));
          if ((int) row.cells->len == cell.column)
            g_ptr_array_add (row.cells, text);
          else
            {
              g_free (row.cells->pdata[cell.column]);
              row.cells->pdata[cell.column] = text;
            }
          in_cell = FALSE;
        }
      else if (in_cell && is_element (reader, "v"))
        cell.in_v = !xmlTextReaderIsEmptyElement (reader);
      else if (in_cell && is_end (reader, "v"))
        cell.in_v = FALSE;
      else if (in_cell && is_element (reader, "is"))
        cell.in_is = !xmlTextReaderIsEmptyElement (reader);
      else if (in_cell && is_end (reader, "is"))
        cell.in_is = FALSE;
      else if (in_cell && cell.in_v && is_text (reader))
        g_string_append (cell.value, (const char *) xmlTextReaderConstValue (reader));
      else if (in_cell && cell.in_is)
        run_text_feed (&cell.inline_text, reader);
      else if (is_end (reader, "row"))
        {
          in_row = FALSE;
          if (!emit_row (&row, func, user_data, error))
            {
              ok = FALSE;
              break;
            }
        }
    }

  g_ptr_array_unref (row.cells);
  g_string_free (cell.value, TRUE);
  g_string_free (cell.inline_text.text, TRUE);
  g_free (cell.type);

  if (!ok)
    {
      g_clear_pointer (&problem.message, g_free);
      if (reader != NULL)
        xmlFreeTextReader (reader);
      return FALSE;
    }
  return xml_reader_finish (reader, status, book->sheet_part, &problem, error);
}

static gsize xml_initialized;

gboolean
rapport_xlsx_read_foreach (const char         *path,
                           GBytes             *bytes,
                           RapportXlsxRowFunc  func,
                           gpointer            user_data,
                           GCancellable       *cancellable,
                           GError            **error)
{
  g_auto(Workbook) book = {
    .path = path,
    .bytes = bytes,
    .cancellable = cancellable,
    .shared_strings = g_ptr_array_new_with_free_func (g_free),
    .style_kinds = g_array_new (FALSE, FALSE, sizeof (ValueKind)),
  };
  g_autoptr(GHashTable) parts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       (GDestroyNotify) g_bytes_unref);
  const char *wanted[2] = { NULL, NULL };
  GBytes *sheet;

  g_return_val_if_fail ((path != NULL) != (bytes != NULL), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* libxml2 initializes itself lazily, which is not safe on two workers at once. */
  if (g_once_init_enter (&xml_initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&xml_initialized, 1);
    }

  if (!read_workbook_parts (&book, error))
    return FALSE;

  wanted[0] = book.sheet_part;
  if (!read_parts (&book, wanted, parts, error))
    return FALSE;
  sheet = g_hash_table_lookup (parts, book.sheet_part);
  if (sheet == NULL)
    {
      g_autofree char *detail = g_strdup_printf (_("its first sheet “%s” is missing"), book.sheet_part);

      set_damaged_error (error, detail);
      return FALSE;
    }

  return read_sheet (&book, sheet, func, user_data, error);
}

static gboolean
collect_row (guint               row_number,
             const char * const *cells,
             gpointer            user_data,
             GError            **error)
{
  g_ptr_array_add (user_data, g_strdupv ((char **) cells));
  return TRUE;
}

static GPtrArray *
read_all (const char   *path,
          GBytes       *bytes,
          GCancellable *cancellable,
          GError      **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  if (!rapport_xlsx_read_foreach (path, bytes, collect_row, rows, cancellable, error))
    return NULL;
  return g_steal_pointer (&rows);
}

GPtrArray *
rapport_xlsx_read (const char   *path,
                   GCancellable *cancellable,
                   GError      **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return read_all (path, NULL, cancellable, error);
}

GPtrArray *
rapport_xlsx_read_bytes (GBytes       *bytes,
                         GCancellable *cancellable,
                         GError      **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);

  return read_all (NULL, bytes, cancellable, error);
}
