/* rapport-report-output.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-report-output"

#include "config.h"

#include <adwaita.h>
#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>

#include "rapport-chart.h"
#include "rapport-compat.h"
#include "rapport-csv-writer.h"
#include "rapport-enums.h"
#include "rapport-money.h"
#include "rapport-report-output.h"
#include "rapport-xlsx-writer.h"

/* A4 in points, with margins */
#define A4_WIDTH 595.276
#define A4_HEIGHT 841.89
#define PAGE_MARGIN 40.0
#define PDF_CHART_HEIGHT 220.0
/* The PNG: one tall image; cairo's images end at 32767 pixels. */
#define PNG_WIDTH 1000.0
#define PNG_MARGIN 32.0
#define PNG_CHART_HEIGHT 300.0
#define PNG_MAX_HEIGHT 32000.0
#define CELL_PADDING 6.0
#define MAX_MEASURED_ROWS 500

/* Cells as a spreadsheet wants them */

/* "1234.5": a plain decimal with at most @digits decimals, no trailing
 * zero, that the xlsx writer stores as a number. */
static char *
format_plain_number (double value,
                     guint  digits)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];
  char *point;
  char *end;

  g_snprintf (format, sizeof format, "%%.%uf", digits);
  g_ascii_formatd (buffer, sizeof buffer, format, value);
  point = strchr (buffer, '.');
  if (point != NULL)
    {
      end = buffer + strlen (buffer) - 1;
      while (end > point && *end == '0')
        *end-- = '\0';
      if (end == point)
        *end = '\0';
    }
  if (g_str_equal (buffer, "-0"))
    return g_strdup ("0");
  return g_strdup (buffer);
}

/* A cell for CSV and .xlsx: numbers as numbers (money in major units of the
 * section's currency), durations as shown. */
static char *
format_data_cell (RapportReportSection *section,
                  guint                 row,
                  guint                 column)
{
  const char *text = rapport_report_section_get_text (section, row, column);
  double value = rapport_report_section_get_value (section, row, column);

  if (*text == '\0')
    return g_strdup ("");

  switch (rapport_report_section_get_column_kind (section, column))
    {
    case RAPPORT_REPORT_VALUE_MONEY:
      {
        const char *currency = rapport_report_section_get_currency (section);
        guint digits = rapport_currency_get_digits (currency != NULL ? currency : "CNY");

        return format_plain_number (value / pow (10, digits), digits);
      }

    case RAPPORT_REPORT_VALUE_COUNT:
      return format_plain_number (value, 0);

    case RAPPORT_REPORT_VALUE_PERCENT:
    case RAPPORT_REPORT_VALUE_RATING:
      return format_plain_number (value, 2);

    case RAPPORT_REPORT_VALUE_TEXT:
    case RAPPORT_REPORT_VALUE_DURATION:
    default:
      return g_strdup (text);
    }
}

/* "Revenue (CNY)" for money, whose cells carry no symbol. */
static char *
format_column_title (RapportReportSection *section,
                     guint                 column)
{
  const char *title = rapport_report_section_get_column_title (section, column);
  const char *currency = rapport_report_section_get_currency (section);

  if (rapport_report_section_get_column_kind (section, column) == RAPPORT_REPORT_VALUE_MONEY && currency != NULL)
    /* Translators: a money column's title in an exported table, with its currency code */
    return g_strdup_printf (C_("report export", "%s (%s)"), title, currency);
  return g_strdup (title);
}

/* "2026-01-01 – 2026-12-31 · Tier: Gold · Region: East" */
static char *
describe_period_and_filters (RapportReport *report)
{
  const RapportReportQuery *query = rapport_report_get_query (report);
  GString *line = g_string_new (NULL);

  /* Translators: a report's period, first and last day */
  g_string_append_printf (line, C_("report export", "%s – %s"),
                          query->from != NULL ? query->from : "", query->to != NULL ? query->to : "");
  if (query->tier >= 0)
    {
      g_string_append (line, " · ");
      /* Translators: a report's filter */
      g_string_append_printf (line, C_("report export", "Tier: %s"), rapport_tier_get_label (query->tier));
    }
  if (query->region != NULL && *query->region != '\0')
    {
      g_string_append (line, " · ");
      /* Translators: a report's filter */
      g_string_append_printf (line, C_("report export", "Region: %s"), query->region);
    }
  if (query->tag_id > 0)
    {
      g_string_append (line, " · ");
      g_string_append (line, C_("report export", "Filtered by tag"));
    }
  if (query->owner_id >= 0)
    {
      g_string_append (line, " · ");
      g_string_append (line, C_("report export", "Filtered by owner"));
    }
  return g_string_free (line, FALSE);
}

/* The document: what PNG, PDF and print draw */

typedef enum {
  BLOCK_TITLE,
  BLOCK_TEXT,
  BLOCK_DIM_TEXT,
  BLOCK_SECTION_TITLE,
  BLOCK_CHART,
  BLOCK_TABLE_HEADER,
  BLOCK_TABLE_ROW,
  BLOCK_SPACE,
} BlockKind;

typedef struct
{
  RapportReportSection *section;
  guint                 n_columns;
  double               *widths;
  gboolean             *numeric;
  double                row_height;
} Table;

typedef struct
{
  BlockKind    kind;
  double       height;
  PangoLayout *layout;   /* text blocks */
  guint        chart;    /* BLOCK_CHART: the section's index */
  Table       *table;    /* table rows */
  int          row;      /* BLOCK_TABLE_ROW */
} Block;

typedef struct
{
  RapportReport *report;
  PangoContext  *pango_context;
  GPtrArray     *charts;      /* GskRenderNode or NULL, one per section */
  double         width;       /* of the text, inside the margins */
  double         page_height; /* inside the margins; 0 for one endless page */
  gboolean       dark;

  GArray        *blocks;
  GPtrArray     *tables;
  GArray        *page_starts; /* index of each page's first block */
} Document;

static void
table_free (Table *table)
{
  g_clear_object (&table->section);
  g_free (table->widths);
  g_free (table->numeric);
  g_free (table);
}

static void
block_clear (Block *block)
{
  g_clear_object (&block->layout);
}

static Document *
document_new (RapportReport *report,
              PangoContext  *pango_context,
              GPtrArray     *charts,
              double         width,
              double         page_height,
              gboolean       dark)
{
  Document *doc = g_new0 (Document, 1);

  doc->report = g_object_ref (report);
  doc->pango_context = g_object_ref (pango_context);
  doc->charts = g_ptr_array_ref (charts);
  doc->width = width;
  doc->page_height = page_height;
  doc->dark = dark;
  doc->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (doc->blocks, (GDestroyNotify) block_clear);
  doc->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);
  doc->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  return doc;
}

static void
document_free (Document *doc)
{
  g_clear_object (&doc->report);
  g_clear_object (&doc->pango_context);
  g_clear_pointer (&doc->charts, g_ptr_array_unref);
  g_clear_pointer (&doc->blocks, g_array_unref);
  g_clear_pointer (&doc->tables, g_ptr_array_unref);
  g_clear_pointer (&doc->page_starts, g_array_unref);
  g_free (doc);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Document, document_free)

static PangoLayout *
document_create_text (Document   *doc,
                      const char *text,
                      double      scale,
                      gboolean    bold,
                      double      width,
                      gboolean    wrap)
{
  PangoLayout *layout = pango_layout_new (doc->pango_context);
  const PangoFontDescription *base = pango_context_get_font_description (doc->pango_context);
  g_autoptr (PangoFontDescription) font = base != NULL ? pango_font_description_copy (base)
                                                       : pango_font_description_from_string ("Sans 10");
  int size = pango_font_description_get_size (font) > 0 ? pango_font_description_get_size (font)
                                                        : 10 * PANGO_SCALE;

  if (pango_font_description_get_size_is_absolute (font))
    pango_font_description_set_absolute_size (font, size * scale);
  else
    pango_font_description_set_size (font, (int) (size * scale));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
  if (wrap)
    {
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      /* A 10,000-character name still ends within a few lines. */
      pango_layout_set_height (layout, -4);
    }
  else
    {
      pango_layout_set_single_paragraph_mode (layout, TRUE);
    }
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  return logical.height;
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  return logical.width;
}

static void
document_add_text (Document   *doc,
                   BlockKind   kind,
                   const char *text)
{
  Block block = { kind, 0, NULL, 0, NULL, -1 };

  if (text == NULL || *text == '\0')
    return;

  block.layout = document_create_text (doc, text,
                                       kind == BLOCK_TITLE ? 1.6 : kind == BLOCK_SECTION_TITLE ? 1.2 : 1.0,
                                       kind == BLOCK_TITLE || kind == BLOCK_SECTION_TITLE,
                                       doc->width, TRUE);
  block.height = layout_height (block.layout) + (kind == BLOCK_TITLE ? 6 : 3);
  g_array_append_val (doc->blocks, block);
}

static void
document_add_space (Document *doc,
                    double    height)
{
  Block block = { BLOCK_SPACE, height, NULL, 0, NULL, -1 };

  g_array_append_val (doc->blocks, block);
}

static gboolean
is_numeric_kind (RapportReportValueKind kind)
{
  return kind != RAPPORT_REPORT_VALUE_TEXT;
}

static Table *
document_add_table (Document             *doc,
                    RapportReportSection *section)
{
  Table *table = g_new0 (Table, 1);
  guint n_rows = rapport_report_section_get_n_rows (section);
  double numeric_total = 0;
  double text_total = 0;
  double available;

  table->section = g_object_ref (section);
  table->n_columns = rapport_report_section_get_n_columns (section);
  table->widths = g_new0 (double, MAX (table->n_columns, 1));
  table->numeric = g_new0 (gboolean, MAX (table->n_columns, 1));

  /* Each column as wide as its widest cell (among the first few hundred
   * rows), numbers in full; text columns share what is left. */
  for (guint column = 0; column < table->n_columns; column++)
    {
      g_autoptr (PangoLayout) header = document_create_text (doc, rapport_report_section_get_column_title (section, column),
                                                            0.9, TRUE, doc->width, FALSE);
      double width = layout_width (header);

      table->numeric[column] = is_numeric_kind (rapport_report_section_get_column_kind (section, column));
      table->row_height = MAX (table->row_height, layout_height (header) + CELL_PADDING);
      for (guint row = 0; row < n_rows && row < MAX_MEASURED_ROWS; row++)
        {
          g_autoptr (PangoLayout) cell = document_create_text (doc, rapport_report_section_get_text (section, row, column),
                                                              0.9, FALSE, doc->width, FALSE);

          width = MAX (width, layout_width (cell));
        }
      table->widths[column] = MIN (width + 2 * CELL_PADDING, doc->width / 2);
      if (table->numeric[column])
        numeric_total += table->widths[column];
      else
        text_total += table->widths[column];
    }

  /* Too wide: names keep at least a third of the width between them (a
   * table of names cut to nothing says nothing), numbers share the rest. */
  if (numeric_total + text_total > doc->width)
    {
      double text_share = text_total > 0 ? MIN (text_total, doc->width / 3) : 0;

      available = doc->width - numeric_total;
      if (available < text_share)
        available = text_share;
      for (guint column = 0; column < table->n_columns; column++)
        {
          if (table->numeric[column] && numeric_total > doc->width - available)
            table->widths[column] *= (doc->width - available) / numeric_total;
          else if (!table->numeric[column])
            table->widths[column] *= available / text_total;
        }
    }

  g_ptr_array_add (doc->tables, table);
  return table;
}

static void
document_add_section (Document             *doc,
                      RapportReportSection *section,
                      guint                 index)
{
  guint n_rows = rapport_report_section_get_n_rows (section);
  const char * const *notes = rapport_report_section_get_notes (section);
  Table *table;

  document_add_space (doc, 12);
  document_add_text (doc, BLOCK_SECTION_TITLE, rapport_report_section_get_title (section));
  document_add_text (doc, BLOCK_DIM_TEXT, rapport_report_section_get_summary (section));

  if (n_rows == 0)
    {
      const char *empty = rapport_report_section_get_empty_text (section);

      document_add_text (doc, BLOCK_TEXT, empty != NULL ? empty : _("Nothing to show"));
      return;
    }

  if (g_ptr_array_index (doc->charts, index) != NULL)
    {
      GskRenderNode *node = g_ptr_array_index (doc->charts, index);
      graphene_rect_t bounds;
      Block block = { BLOCK_CHART, 0, NULL, index, NULL, -1 };

      gsk_render_node_get_bounds (node, &bounds);
      block.height = bounds.origin.y + bounds.size.height + 8;
      g_array_append_val (doc->blocks, block);
    }

  for (guint i = 0; notes != NULL && notes[i] != NULL; i++)
    document_add_text (doc, BLOCK_DIM_TEXT, notes[i]);

  if (rapport_report_section_get_n_columns (section) == 0)
    return;

  table = document_add_table (doc, section);
  {
    Block header = { BLOCK_TABLE_HEADER, table->row_height + 2, NULL, 0, table, -1 };

    document_add_space (doc, 4);
    g_array_append_val (doc->blocks, header);
  }
  for (guint row = 0; row < n_rows; row++)
    {
      Block block = { BLOCK_TABLE_ROW, table->row_height, NULL, 0, table, row };

      g_array_append_val (doc->blocks, block);
    }
}

/* Lays the report out in blocks and cuts it into pages: a block that does
 * not fit goes to the next page, and a table going on under a page break
 * repeats its header. */
static void
document_paginate (Document *doc)
{
  RapportReport *report = doc->report;
  g_autofree char *period = describe_period_and_filters (report);
  double y = 0;
  guint first = 0;

  document_add_text (doc, BLOCK_TITLE, rapport_report_kind_get_title (rapport_report_get_kind (report)));
  document_add_text (doc, BLOCK_DIM_TEXT, period);
  if (rapport_report_get_n_sections (report) == 0 || rapport_report_get_empty_text (report) != NULL)
    document_add_text (doc, BLOCK_TEXT, rapport_report_get_empty_text (report));
  for (guint i = 0; i < rapport_report_get_n_sections (report); i++)
    document_add_section (doc, rapport_report_get_section (report, i), i);

  g_array_append_val (doc->page_starts, first);
  for (guint i = 0; i < doc->blocks->len; i++)
    {
      Block *block = &g_array_index (doc->blocks, Block, i);
      double height = block->height;

      if (doc->page_height <= 0 || y == 0)
        {
          y += height;
          continue;
        }
      if (y + height > doc->page_height)
        {
          /* A title, a header or a space does not end a page alone. */
          guint start = i;

          while (start > 0 && start - 1 > g_array_index (doc->page_starts, guint, doc->page_starts->len - 1))
            {
              BlockKind kind = g_array_index (doc->blocks, Block, start - 1).kind;

              if (kind != BLOCK_SECTION_TITLE && kind != BLOCK_TABLE_HEADER && kind != BLOCK_SPACE &&
                  !(kind == BLOCK_DIM_TEXT && block->kind != BLOCK_TABLE_ROW))
                break;
              start--;
            }
          g_array_append_val (doc->page_starts, start);
          y = 0;
          for (guint j = start; j <= i; j++)
            y += g_array_index (doc->blocks, Block, j).height;
          if (block->kind == BLOCK_TABLE_ROW && g_array_index (doc->blocks, Block, start).kind == BLOCK_TABLE_ROW)
            y += block->table->row_height + 2;
          continue;
        }
      y += height;
    }
}

static guint
document_get_n_pages (Document *doc)
{
  return doc->page_starts->len;
}

/* The height of everything, for the one-page PNG. */
static double
document_get_height (Document *doc)
{
  double height = 0;

  for (guint i = 0; i < doc->blocks->len; i++)
    height += g_array_index (doc->blocks, Block, i).height;
  return height;
}

static void
set_text_color (Document *doc,
                cairo_t  *cr,
                double    alpha)
{
  if (doc->dark)
    cairo_set_source_rgba (cr, 1, 1, 1, alpha);
  else
    cairo_set_source_rgba (cr, 0, 0, 0, 0.85 * alpha);
}

static void
draw_table_row (Document *doc,
                cairo_t  *cr,
                Table    *table,
                int       row,
                double    y)
{
  double x = 0;

  if (row < 0)
    {
      set_text_color (doc, cr, 0.08);
      cairo_rectangle (cr, 0, y, doc->width, table->row_height);
      cairo_fill (cr);
    }
  else
    {
      set_text_color (doc, cr, 0.12);
      cairo_rectangle (cr, 0, y + table->row_height - 0.5, doc->width, 0.5);
      cairo_fill (cr);
    }

  for (guint column = 0; column < table->n_columns; column++)
    {
      const char *text = row < 0 ? rapport_report_section_get_column_title (table->section, column)
                                 : rapport_report_section_get_text (table->section, row, column);
      double width = table->widths[column] - 2 * CELL_PADDING;
      g_autoptr (PangoLayout) layout = NULL;

      if (width <= 0)
        {
          x += table->widths[column];
          continue;
        }
      layout = document_create_text (doc, text, 0.9, row < 0, width, FALSE);
      if (table->numeric[column])
        pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      set_text_color (doc, cr, 1);
      cairo_move_to (cr, x + CELL_PADDING, y + CELL_PADDING / 2);
      pango_cairo_show_layout (cr, layout);
      cairo_new_path (cr);
      x += table->widths[column];
    }
}

static void
draw_block (Document *doc,
            cairo_t  *cr,
            Block    *block,
            double    y)
{
  switch (block->kind)
    {
    case BLOCK_TITLE:
    case BLOCK_TEXT:
    case BLOCK_SECTION_TITLE:
    case BLOCK_DIM_TEXT:
      set_text_color (doc, cr, block->kind == BLOCK_DIM_TEXT ? 0.65 : 1);
      cairo_move_to (cr, 0, y);
      pango_cairo_show_layout (cr, block->layout);
      cairo_new_path (cr);
      break;

    case BLOCK_CHART:
      /* GTK 4.8 draws a text node at the current point, when there is
       * one, instead of at its offset. */
      cairo_new_path (cr);
      cairo_save (cr);
      cairo_translate (cr, 0, y);
      gsk_render_node_draw (g_ptr_array_index (doc->charts, block->chart), cr);
      cairo_restore (cr);
      break;

    case BLOCK_TABLE_HEADER:
      draw_table_row (doc, cr, block->table, -1, y);
      break;

    case BLOCK_TABLE_ROW:
      draw_table_row (doc, cr, block->table, block->row, y);
      break;

    case BLOCK_SPACE:
    default:
      break;
    }
}

/* Draws page @page_nr (from 0) with its top left at the origin of @cr; one
 * endless page when the document has no page height. */
static void
document_draw_page (Document *doc,
                    cairo_t  *cr,
                    guint     page_nr,
                    double    max_height)
{
  guint start = g_array_index (doc->page_starts, guint, page_nr);
  guint end = page_nr + 1 < doc->page_starts->len ? g_array_index (doc->page_starts, guint, page_nr + 1)
                                                  : doc->blocks->len;
  double y = 0;

  if (start < end)
    {
      Block *first = &g_array_index (doc->blocks, Block, start);

      if (page_nr > 0 && first->kind == BLOCK_TABLE_ROW)
        {
          draw_table_row (doc, cr, first->table, -1, y);
          y += first->table->row_height + 2;
        }
    }

  for (guint i = start; i < end; i++)
    {
      Block *block = &g_array_index (doc->blocks, Block, i);

      if (max_height > 0 && y + block->height > max_height)
        {
          /* Only the PNG ends early: the rest are table rows past cairo's limit. */
          g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "…and %u more row (see the PDF or the table)",
                                                                "…and %u more rows (see the PDF or the table)",
                                                                end - i),
                                                   end - i);
          g_autoptr (PangoLayout) layout = document_create_text (doc, more, 1.0, FALSE, doc->width, FALSE);

          set_text_color (doc, cr, 0.65);
          cairo_move_to (cr, 0, y + 4);
          pango_cairo_show_layout (cr, layout);
          cairo_new_path (cr);
          return;
        }
      draw_block (doc, cr, block, y);
      y += block->height;
    }
}

static void
clear_node (gpointer node)
{
  if (node != NULL)
    gsk_render_node_unref (node);
}

/* The charts of @report for a page @width wide, on the main thread. */
static GPtrArray *
render_charts (RapportReport *report,
               PangoContext  *pango_context,
               double         width,
               double         height,
               gboolean       dark,
               const GdkRGBA *accent)
{
  GPtrArray *charts = g_ptr_array_new_with_free_func (clear_node);

  for (guint i = 0; i < rapport_report_get_n_sections (report); i++)
    {
      RapportReportSection *section = rapport_report_get_section (report, i);
      RapportChartKind kind = rapport_report_section_get_chart_kind (section);
      GskRenderNode *node = NULL;

      if (kind != RAPPORT_CHART_NONE && kind != RAPPORT_CHART_MATRIX)
        node = rapport_chart_render (section, pango_context, (int) width, (int) height, dark, accent);
      g_ptr_array_add (charts, node);
    }
  return charts;
}

/* Saving */

typedef struct
{
  RapportReport       *report;
  RapportReportFormat  format;
  GFile               *file;
  PangoFontMap        *font_map;
  PangoContext        *pango_context;
  GPtrArray           *charts;
  gboolean             dark;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->report);
  g_clear_object (&data->file);
  g_clear_pointer (&data->charts, g_ptr_array_unref);
  g_clear_object (&data->pango_context);
  g_clear_object (&data->font_map);
  g_free (data);
}

static gboolean
write_csv (SaveData      *data,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr (GFileOutputStream) stream = NULL;
  g_autoptr (RapportCsvWriter) writer = NULL;
  const char *blank[] = { "" };

  stream = g_file_replace (data->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, error);
  if (stream == NULL)
    return FALSE;
  writer = rapport_csv_writer_new (G_OUTPUT_STREAM (stream), RAPPORT_ENCODING_UTF8, ',');

  for (guint i = 0; i < rapport_report_get_n_sections (data->report); i++)
    {
      RapportReportSection *section = rapport_report_get_section (data->report, i);
      guint n_columns = rapport_report_section_get_n_columns (section);
      guint n_rows = rapport_report_section_get_n_rows (section);
      const char *title[] = { rapport_report_section_get_title (section) };
      g_autoptr (GPtrArray) header = g_ptr_array_new_with_free_func (g_free);

      if ((i > 0 && !rapport_csv_writer_write_row (writer, blank, 1, cancellable, error)) ||
          !rapport_csv_writer_write_row (writer, title, 1, cancellable, error))
        return FALSE;

      for (guint column = 0; column < n_columns; column++)
        g_ptr_array_add (header, format_column_title (section, column));
      if (n_columns > 0 &&
          !rapport_csv_writer_write_row (writer, (const char * const *) header->pdata, n_columns, cancellable, error))
        return FALSE;

      for (guint row = 0; row < n_rows; row++)
        {
          g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

          for (guint column = 0; column < n_columns; column++)
            g_ptr_array_add (cells, format_data_cell (section, row, column));
          if (!rapport_csv_writer_write_row (writer, (const char * const *) cells->pdata, n_columns, cancellable, error))
            return FALSE;
        }
    }

  return rapport_csv_writer_close (writer, cancellable, error);
}

/* Writes @path as a local file; the xlsx writer knows nothing of GFile. */
static gboolean
write_xlsx_file (SaveData    *data,
                 const char  *path,
                 GError     **error)
{
  RapportReport *report = data->report;
  g_autofree char *period = describe_period_and_filters (report);
  const char *header[] = { rapport_report_kind_get_title (rapport_report_get_kind (report)), period, NULL };
  RapportXlsxWriter *writer = rapport_xlsx_writer_new (path, header, error);
  const char *blank[] = { NULL };

  if (writer == NULL)
    return FALSE;

  /* One sheet: each section's title, its columns' titles and its rows, a
   * blank row between sections. */
  for (guint i = 0; i < rapport_report_get_n_sections (report); i++)
    {
      RapportReportSection *section = rapport_report_get_section (report, i);
      guint n_columns = rapport_report_section_get_n_columns (section);
      guint n_rows = rapport_report_section_get_n_rows (section);
      const char *title[] = { rapport_report_section_get_title (section), NULL };
      g_autoptr (GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);

      if (!rapport_xlsx_writer_add_row (writer, blank, error) ||
          !rapport_xlsx_writer_add_row (writer, title, error))
        goto failed;

      for (guint column = 0; column < n_columns; column++)
        g_ptr_array_add (titles, format_column_title (section, column));
      g_ptr_array_add (titles, NULL);
      if (!rapport_xlsx_writer_add_row (writer, (const char * const *) titles->pdata, error))
        goto failed;

      for (guint row = 0; row < n_rows; row++)
        {
          g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

          for (guint column = 0; column < n_columns; column++)
            g_ptr_array_add (cells, format_data_cell (section, row, column));
          g_ptr_array_add (cells, NULL);
          if (!rapport_xlsx_writer_add_row (writer, (const char * const *) cells->pdata, error))
            goto failed;
        }
    }
  return rapport_xlsx_writer_close (writer, error);

failed:
  rapport_xlsx_writer_free (writer);
  return FALSE;
}

static gboolean
write_xlsx (SaveData      *data,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *path = g_file_get_path (data->file);
  g_autofree char *dir = NULL;
  g_autofree char *scratch = NULL;
  g_autoptr (GFile) scratch_file = NULL;
  gboolean ok;

  if (path != NULL)
    return write_xlsx_file (data, path, error);

  /* A file the writer cannot open by name (a portal or remote location):
   * written aside, then copied there. */
  dir = g_dir_make_tmp ("rapport-report-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  scratch = g_build_filename (dir, "report.xlsx", NULL);
  scratch_file = g_file_new_for_path (scratch);
  ok = write_xlsx_file (data, scratch, error) &&
       g_file_copy (scratch_file, data->file, G_FILE_COPY_OVERWRITE, cancellable, NULL, NULL, error);
  g_unlink (scratch);
  g_rmdir (dir);
  return ok;
}

typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} CairoSink;

static cairo_status_t
cairo_sink_write (void                *closure,
                  const unsigned char *bytes,
                  unsigned int         length)
{
  CairoSink *sink = closure;

  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (sink->stream, bytes, length, NULL, sink->cancellable, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
finish_cairo (CairoSink       *sink,
              cairo_status_t   status,
              GError         **error)
{
  if (sink->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&sink->error));
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not draw the report: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return g_output_stream_close (sink->stream, sink->cancellable, error);
}

static gboolean
write_pdf (SaveData      *data,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr (GFileOutputStream) stream = NULL;
  g_autoptr (Document) doc = NULL;
  CairoSink sink = { NULL, cancellable, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  stream = g_file_replace (data->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, error);
  if (stream == NULL)
    return FALSE;
  sink.stream = G_OUTPUT_STREAM (stream);

  doc = document_new (data->report, data->pango_context, data->charts,
                      A4_WIDTH - 2 * PAGE_MARGIN, A4_HEIGHT - 2 * PAGE_MARGIN, FALSE);
  document_paginate (doc);

  surface = cairo_pdf_surface_create_for_stream (cairo_sink_write, &sink, A4_WIDTH, A4_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  rapport_report_kind_get_title (rapport_report_get_kind (data->report)));
  cr = cairo_create (surface);
  for (guint page = 0; page < document_get_n_pages (doc); page++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      cairo_save (cr);
      cairo_translate (cr, PAGE_MARGIN, PAGE_MARGIN);
      document_draw_page (doc, cr, page, 0);
      cairo_restore (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_clear_error (&sink.error);
      return FALSE;
    }
  return finish_cairo (&sink, status, error);
}

static gboolean
write_png (SaveData      *data,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr (GFileOutputStream) stream = NULL;
  g_autoptr (Document) doc = NULL;
  CairoSink sink = { NULL, cancellable, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  double height;
  cairo_t *cr;

  doc = document_new (data->report, data->pango_context, data->charts,
                      PNG_WIDTH - 2 * PNG_MARGIN, 0, data->dark);
  document_paginate (doc);
  height = MIN (document_get_height (doc), PNG_MAX_HEIGHT);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) PNG_WIDTH, (int) ceil (height + 2 * PNG_MARGIN));
  cr = cairo_create (surface);
  /* libadwaita's window background in either style */
  if (data->dark)
    cairo_set_source_rgb (cr, 0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, PNG_MARGIN, PNG_MARGIN);
  document_draw_page (doc, cr, 0, PNG_MAX_HEIGHT);
  cairo_destroy (cr);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }

  stream = g_file_replace (data->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, error);
  if (stream == NULL)
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  sink.stream = G_OUTPUT_STREAM (stream);
  status = cairo_surface_write_to_png_stream (surface, cairo_sink_write, &sink);
  cairo_surface_destroy (surface);
  return finish_cairo (&sink, status, error);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  g_autoptr (GError) error = NULL;
  gboolean ok = FALSE;

  switch (data->format)
    {
    case RAPPORT_REPORT_FORMAT_CSV:
      ok = write_csv (data, cancellable, &error);
      break;

    case RAPPORT_REPORT_FORMAT_XLSX:
      ok = write_xlsx (data, cancellable, &error);
      break;

    case RAPPORT_REPORT_FORMAT_PNG:
      ok = write_png (data, cancellable, &error);
      break;

    case RAPPORT_REPORT_FORMAT_PDF:
      ok = write_pdf (data, cancellable, &error);
      break;

    default:
      g_assert_not_reached ();
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* A font map of the export's own, so that the worker thread shares no
 * fonts with the window; the widget's font, so that Chinese text finds the
 * same fallback fonts. */
static void
prepare_fonts (SaveData  *data,
               GtkWidget *widget,
               double     dpi)
{
  const PangoFontDescription *font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));

  data->font_map = pango_cairo_font_map_new ();
  data->pango_context = pango_font_map_create_context (data->font_map);
  pango_cairo_context_set_resolution (data->pango_context, dpi);
  if (font != NULL)
    pango_context_set_font_description (data->pango_context, font);
}

/* Print */

typedef struct
{
  RapportReport *report;
  Document      *doc;
  GtkWindow     *parent;
  gboolean       done;
} PrintData;

static void
print_data_free (PrintData *data)
{
  g_clear_object (&data->report);
  g_clear_pointer (&data->doc, document_free);
  g_clear_object (&data->parent);
  g_free (data);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintData         *data)
{
  PangoContext *pango_context = gtk_print_context_create_pango_context (context);
  g_autoptr (GPtrArray) charts = NULL;
  double width = gtk_print_context_get_width (context);
  GdkRGBA accent;

  if (data->parent != NULL)
    {
      const PangoFontDescription *font = pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (data->parent)));

      if (font != NULL)
        pango_context_set_font_description (pango_context, font);
      rapport_compat_get_accent_color (GTK_WIDGET (data->parent), &accent);
    }
  else
    {
      gdk_rgba_parse (&accent, "#3584e4");
    }

  charts = render_charts (data->report, pango_context, width, PDF_CHART_HEIGHT, FALSE, &accent);
  g_clear_pointer (&data->doc, document_free);
  data->doc = document_new (data->report, pango_context, charts, width,
                            gtk_print_context_get_height (context), FALSE);
  document_paginate (data->doc);
  g_object_unref (pango_context);
  gtk_print_operation_set_n_pages (operation, document_get_n_pages (data->doc));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PrintData         *data)
{
  document_draw_page (data->doc, gtk_print_context_get_cairo_context (context), page_nr, 0);
}

static void
show_print_error (GtkWindow    *parent,
                  const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, _("Could Not Print the Report"),
                                              error != NULL ? error->message : NULL);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               PrintData               *data)
{
  data->done = TRUE;
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr (GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      show_print_error (data->parent, error);
    }
}

/* Public API */

/**
 * rapport_report_output_suggest_name:
 * @today: YYYY-MM-DD
 *
 * Returns: (transfer full): a file name such as "report-contribution-2026-12-03.pdf"
 */
char *
rapport_report_output_suggest_name (RapportReport       *report,
                                    RapportReportFormat  format,
                                    const char          *today)
{
  static const char * const extensions[] = { "csv", "xlsx", "png", "pdf" };
  g_autofree char *kind = NULL;

  g_return_val_if_fail (RAPPORT_IS_REPORT (report), NULL);
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (extensions), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  kind = g_strdup (rapport_report_kind_to_string (rapport_report_get_kind (report)));
  g_strdelimit (kind, "_", '-');
  return g_strdup_printf ("report-%s-%s.%s", kind, today, extensions[format]);
}

/**
 * rapport_report_output_save_async:
 *
 * Writes @report to @file in a worker thread; charts are drawn first, here
 * on the main thread, with @widget's style and font.
 */
void
rapport_report_output_save_async (RapportReport       *report,
                                  RapportReportFormat  format,
                                  GFile               *file,
                                  GtkWidget           *widget,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (RAPPORT_IS_REPORT (report));
  g_return_if_fail (format <= RAPPORT_REPORT_FORMAT_PDF);
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_report_output_save_async);

  data = g_new0 (SaveData, 1);
  data->report = g_object_ref (report);
  data->format = format;
  data->file = g_object_ref (file);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  if (format == RAPPORT_REPORT_FORMAT_PNG || format == RAPPORT_REPORT_FORMAT_PDF)
    {
      gboolean png = format == RAPPORT_REPORT_FORMAT_PNG;
      GdkRGBA accent;

      /* Paper is white; the image follows the window's style. */
      data->dark = png && adw_style_manager_get_dark (adw_style_manager_get_default ());
      rapport_compat_get_accent_color (widget, &accent);
      prepare_fonts (data, widget, png ? 96 : 72);
      data->charts = render_charts (report, data->pango_context,
                                    png ? PNG_WIDTH - 2 * PNG_MARGIN : A4_WIDTH - 2 * PAGE_MARGIN,
                                    png ? PNG_CHART_HEIGHT : PDF_CHART_HEIGHT,
                                    data->dark, &accent);
    }

  g_task_run_in_thread (task, save_thread);
}

gboolean
rapport_report_output_save_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rapport_report_output_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * rapport_report_output_print:
 *
 * Opens GTK's print dialog for @report: the same pages as the PDF.
 */
void
rapport_report_output_print (RapportReport *report,
                             GtkWindow     *parent)
{
  g_autoptr (GtkPrintOperation) operation = NULL;
  PrintData *data;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (RAPPORT_IS_REPORT (report));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  data = g_new0 (PrintData, 1);
  data->report = g_object_ref (report);
  data->parent = parent != NULL ? g_object_ref (parent) : NULL;

  /* GTK holds the operation while its dialog is open and it prints. */
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_set_job_name (operation, rapport_report_kind_get_title (rapport_report_get_kind (report)));
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), data);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), data);
  g_signal_connect (operation, "done", G_CALLBACK (print_done_cb), data);
  g_object_set_data_full (G_OBJECT (operation), "rapport-print-data", data, (GDestroyNotify) print_data_free);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR && !data->done)
    show_print_error (parent, error);
}
