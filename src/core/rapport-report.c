/* rapport-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-report"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rapport-money.h"
#include "rapport-report.h"

/* Half away from zero, without libm (core links none). */
static gint64
round_to_int (double value)
{
  return (gint64) (value < 0 ? value - 0.5 : value + 0.5);
}

static void
replace_str (char       **slot,
             const char  *value)
{
  if (*slot == value)
    return;
  g_free (*slot);
  *slot = g_strdup (value);
}

static const char * const kind_keys[RAPPORT_N_REPORT_KINDS] = {
  "value_matrix",
  "contribution",
  "composition",
  "service",
  "churn",
  "pipeline",
  "work_log",
};

static const char * const kind_titles[RAPPORT_N_REPORT_KINDS] = {
  NC_("Report", "Value Matrix"),
  NC_("Report", "Contribution"),
  NC_("Report", "Composition"),
  NC_("Report", "Service"),
  NC_("Report", "Churn"),
  NC_("Report", "Pipeline"),
  NC_("Report", "Work Log"),
};

static const char * const kind_descriptions[RAPPORT_N_REPORT_KINDS] = {
  N_("Customers by value and potential, with how to treat each group"),
  N_("Which customers bring the revenue, and how it changes over time"),
  N_("Who your customers are: tier, stage, region, industry, source and owner"),
  N_("How requests are answered and resolved, and how satisfied customers are"),
  N_("Customers at risk and lost, why, and the revenue that went with them"),
  N_("What the open opportunities are worth, and how often they are won"),
  N_("What each person logged, visited, followed up and recorded, day by day"),
};

const char *
rapport_report_kind_to_string (RapportReportKind kind)
{
  g_return_val_if_fail ((guint) kind < RAPPORT_N_REPORT_KINDS, NULL);

  return kind_keys[kind];
}

gboolean
rapport_report_kind_from_string (const char        *str,
                                 RapportReportKind *out_kind)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < RAPPORT_N_REPORT_KINDS; i++)
    {
      if (g_str_equal (str, kind_keys[i]))
        {
          if (out_kind != NULL)
            *out_kind = (RapportReportKind) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
rapport_report_kind_get_title (RapportReportKind kind)
{
  g_return_val_if_fail ((guint) kind < RAPPORT_N_REPORT_KINDS, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "Report", kind_titles[kind]);
}

const char *
rapport_report_kind_get_description (RapportReportKind kind)
{
  g_return_val_if_fail ((guint) kind < RAPPORT_N_REPORT_KINDS, NULL);

  return _(kind_descriptions[kind]);
}

/* Query */

G_DEFINE_BOXED_TYPE (RapportReportQuery, rapport_report_query,
                     rapport_report_query_copy, rapport_report_query_free)

static GDate *
parse_date (const char *ymd)
{
  int y, m, d;

  if (ymd == NULL || sscanf (ymd, "%4d-%2d-%2d", &y, &m, &d) != 3
      || !g_date_valid_dmy (d, m, y))
    return NULL;

  return g_date_new_dmy (d, m, y);
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d",
                          g_date_get_year (date),
                          g_date_get_month (date),
                          g_date_get_day (date));
}

RapportReportQuery *
rapport_report_query_new (RapportReportKind  kind,
                          const char        *today,
                          const char        *currency)
{
  g_autoptr (GDate) date = NULL;
  g_autoptr (GDate) from = NULL;
  RapportReportQuery *self;

  g_return_val_if_fail ((guint) kind < RAPPORT_N_REPORT_KINDS, NULL);
  date = parse_date (today);
  g_return_val_if_fail (date != NULL, NULL);

  self = g_new0 (RapportReportQuery, 1);
  self->kind = kind;
  self->tier = -1;
  self->owner_id = -1;
  self->currency = g_strdup (currency != NULL ? currency : "CNY");

  if (kind == RAPPORT_REPORT_WORK_LOG)
    {
      g_autoptr (GDate) to = NULL;

      /* Monday to Sunday of @today's week. */
      from = g_date_copy (date);
      g_date_subtract_days (from, g_date_get_weekday (date) - G_DATE_MONDAY);
      to = g_date_copy (from);
      g_date_add_days (to, 6);
      self->from = format_date (from);
      self->to = format_date (to);
      self->step = RAPPORT_REPORT_STEP_DAY;
    }
  else
    {
      /* Twelve calendar months, the current one (up to today) last. */
      from = g_date_new_dmy (1, g_date_get_month (date), g_date_get_year (date));
      g_date_subtract_months (from, 11);
      self->from = format_date (from);
      self->to = format_date (date);
      self->step = RAPPORT_REPORT_STEP_MONTH;
    }

  return self;
}

RapportReportQuery *
rapport_report_query_copy (const RapportReportQuery *self)
{
  RapportReportQuery *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->from = g_strdup (self->from);
  copy->to = g_strdup (self->to);
  copy->region = g_strdup (self->region);
  copy->currency = g_strdup (self->currency);

  return copy;
}

void
rapport_report_query_free (RapportReportQuery *self)
{
  if (self == NULL)
    return;

  g_free (self->from);
  g_free (self->to);
  g_free (self->region);
  g_free (self->currency);
  g_free (self);
}

RapportReportQuery *
rapport_report_query_previous (const RapportReportQuery *self)
{
  g_autoptr (GDate) from = NULL;
  g_autoptr (GDate) to = NULL;
  g_autoptr (GDate) after_to = NULL;
  RapportReportQuery *previous;

  g_return_val_if_fail (self != NULL, NULL);
  from = parse_date (self->from);
  to = parse_date (self->to);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  previous = rapport_report_query_copy (self);
  g_clear_pointer (&previous->from, g_free);
  g_clear_pointer (&previous->to, g_free);

  if (g_date_compare (from, to) > 0)
    {
      previous->from = format_date (from);
      previous->to = format_date (to);
      return previous;
    }

  after_to = g_date_copy (to);
  g_date_add_days (after_to, 1);

  if (g_date_get_day (from) == 1)
    {
      /* A period starting on the 1st moves back by whole months (Jan–Mar
       * 2026 → Oct–Dec 2025; 1 Jan–3 Dec 2026 → 1 Jan–3 Dec 2025), so it
       * compares like with like whatever the months' lengths. */
      int months = (g_date_get_year (to) - g_date_get_year (from)) * 12
                   + (int) g_date_get_month (to) - (int) g_date_get_month (from) + 1;

      g_date_subtract_months (from, months);
      if (g_date_get_day (after_to) == 1)
        {
          /* Up to a month's end: to the end of the earlier month too. */
          g_date_subtract_months (after_to, months);
          g_date_subtract_days (after_to, 1);
          g_date_free (to);
          to = g_steal_pointer (&after_to);
        }
      else
        g_date_subtract_months (to, months);
    }
  else
    {
      guint days = g_date_days_between (from, to) + 1;

      g_date_subtract_days (from, days);
      g_date_subtract_days (to, days);
    }

  previous->from = format_date (from);
  previous->to = format_date (to);

  return previous;
}

/* Section */

typedef struct
{
  char                  *title;
  RapportReportValueKind kind;
} Column;

typedef struct
{
  char   *text;
  double  value;
} Cell;

typedef struct
{
  char  *drill_key;
  Cell  *cells;   /* n_columns at the time of growth, see ensure_cells */
  guint  n_cells;
} Row;

typedef struct
{
  char     *name;
  guint     column;
  gboolean  as_line;
} Series;

struct _RapportReportSection
{
  GObject           parent_instance;

  char             *id;
  char             *title;
  RapportChartKind  chart;
  char             *summary;
  char             *empty_text;
  char             *currency;
  GPtrArray        *notes;    /* NULL-terminated */
  GArray           *columns;  /* Column */
  GArray           *rows;     /* Row */
  GArray           *series;   /* Series */
  guint             label_column;
};

G_DEFINE_FINAL_TYPE (RapportReportSection, rapport_report_section, G_TYPE_OBJECT)

static void
clear_column (gpointer data)
{
  Column *column = data;

  g_free (column->title);
}

static void
clear_row (gpointer data)
{
  Row *row = data;

  for (guint i = 0; i < row->n_cells; i++)
    g_free (row->cells[i].text);
  g_free (row->cells);
  g_free (row->drill_key);
}

static void
clear_series (gpointer data)
{
  Series *series = data;

  g_free (series->name);
}

static Cell *
get_cell (RapportReportSection *self,
          guint                 row,
          guint                 column)
{
  Row *r;

  g_return_val_if_fail (row < self->rows->len, NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);

  r = &g_array_index (self->rows, Row, row);
  if (column >= r->n_cells)
    {
      r->cells = g_renew (Cell, r->cells, self->columns->len);
      memset (r->cells + r->n_cells, 0, (self->columns->len - r->n_cells) * sizeof (Cell));
      r->n_cells = self->columns->len;
    }

  return &r->cells[column];
}

static char *
format_count (double value)
{
  g_autofree char *digits = g_strdup_printf ("%.0f", ABS (value));
  GString *out = g_string_new (value < 0 && round_to_int (value) != 0 ? "-" : "");
  gsize len = strlen (digits);

  /* Grouped by three with the same separator as money amounts. */
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }

  return g_string_free (out, FALSE);
}

static char *
format_percent (double value)
{
  double rounded = round_to_int (value * 10) / 10.0;
  g_autofree char *number = NULL;

  /* Small shares keep a decimal (0.4% is not 0%); the rest are whole. */
  if (ABS (rounded) < 10 && rounded != (double) round_to_int (rounded))
    number = g_strdup_printf ("%.1f", rounded);
  else
    number = g_strdup_printf ("%" G_GINT64_FORMAT, round_to_int (value));

  /* Translators: a percentage in a report; %s is the number */
  return g_strdup_printf (C_("Percentage", "%s%%"), number);
}

static char *
format_duration (double value)
{
  gint64 minutes = round_to_int (ABS (value) / 60);
  gint64 hours = minutes / 60;
  const char *sign = value < 0 && minutes > 0 ? "-" : "";
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  /* Translators: durations in a report: days, hours and minutes; each %s
   * is a number */
  if (hours >= 48)
    {
      first = g_strdup_printf ("%s%" G_GINT64_FORMAT, sign, hours / 24);
      if (hours % 24 == 0)
        return g_strdup_printf (C_("Duration", "%s d"), first);
      second = g_strdup_printf ("%" G_GINT64_FORMAT, hours % 24);
      return g_strdup_printf (C_("Duration", "%s d %s h"), first, second);
    }
  if (hours > 0)
    {
      first = g_strdup_printf ("%s%" G_GINT64_FORMAT, sign, hours);
      if (minutes % 60 == 0)
        return g_strdup_printf (C_("Duration", "%s h"), first);
      second = g_strdup_printf ("%" G_GINT64_FORMAT, minutes % 60);
      return g_strdup_printf (C_("Duration", "%s h %s min"), first, second);
    }

  first = g_strdup_printf ("%s%" G_GINT64_FORMAT, sign, minutes);
  return g_strdup_printf (C_("Duration", "%s min"), first);
}

static char *
format_value (RapportReportSection   *self,
              RapportReportValueKind  kind,
              double                  value)
{
  switch (kind)
    {
    case RAPPORT_REPORT_VALUE_MONEY:
      return rapport_money_format (round_to_int (value),
                                   self->currency != NULL ? self->currency : "CNY");
    case RAPPORT_REPORT_VALUE_PERCENT:
      return format_percent (value);
    case RAPPORT_REPORT_VALUE_DURATION:
      return format_duration (value);
    case RAPPORT_REPORT_VALUE_RATING:
      return g_strdup_printf ("%.1f", value);
    case RAPPORT_REPORT_VALUE_COUNT:
    case RAPPORT_REPORT_VALUE_TEXT:
    default:
      return format_count (value);
    }
}

static void
rapport_report_section_finalize (GObject *object)
{
  RapportReportSection *self = RAPPORT_REPORT_SECTION (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->summary);
  g_free (self->empty_text);
  g_free (self->currency);
  g_ptr_array_unref (self->notes);
  g_array_unref (self->columns);
  g_array_unref (self->rows);
  g_array_unref (self->series);

  G_OBJECT_CLASS (rapport_report_section_parent_class)->finalize (object);
}

static void
rapport_report_section_class_init (RapportReportSectionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_report_section_finalize;
}

static void
rapport_report_section_init (RapportReportSection *self)
{
  self->notes = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  self->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_clear_func (self->columns, clear_column);
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, clear_row);
  self->series = g_array_new (FALSE, TRUE, sizeof (Series));
  g_array_set_clear_func (self->series, clear_series);
}

/**
 * rapport_report_section_new:
 * @id: stable within the report kind ("top", "pareto")
 * @title: translated
 * @chart: how the rows are drawn
 *
 * Returns: (transfer full): an empty section
 */
RapportReportSection *
rapport_report_section_new (const char       *id,
                            const char       *title,
                            RapportChartKind  chart)
{
  RapportReportSection *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_REPORT_SECTION, NULL);
  self->id = g_strdup (id);
  self->title = g_strdup (title != NULL ? title : "");
  self->chart = chart;

  return self;
}

const char *
rapport_report_section_get_id (RapportReportSection *self)
{
  g_return_val_if_fail (RAPPORT_IS_REPORT_SECTION (self), NULL);
  return self->id;
}

const char *
rapport_report_section_get_title (RapportReportSection *self)
{
  g_return_val_if_fail (RAPPORT_IS_REPORT_SECTION (self), NULL);
  return self->title;
}

RapportChartKind
rapport_report_section_get_chart_kind (RapportReportSection *self)
{
  g_return_val_if_fail (RAPPORT_IS_REPORT_SECTION (self), RAPPORT_CHART_NONE);
  return self->chart;
}

const char *
rapport_report_section_get_summary (RapportReportSection *self)
{
  g_return_val_if_fail (RAPPORT_IS_REPORT_SECTION (self), NULL);
  return self->summary;
}

void
rapport_report_section_set_summary (RapportReportSection *self,
                                    const char           *summary)
{
  g_return_if_fail (RAPPORT_IS_REPORT_SECTION (self));
  replace_str (&self->summary, summary);
}

const char *
rapport_report_section_get_empty_text (RapportReportSection *self)
{
  g_return_val_if_fail (RAPPORT_IS_REPORT_SECTION (self), NULL);
  return self->empty_text;
}

void
rapport_report_section_set_empty_text (RapportReportSection *self,
                                       const char           *text)
{
  g_return_if_fail (RAPPORT_IS_REPORT_SECTION (self));
  replace_str (&self->empty_text, text);
}

void
rapport_report_section_add_note (RapportReportSection *self,
                                 const char           *note)
{
  g_return_if_fail (RAPPORT_IS_REPORT_SECTION (self));
  g_return_if_fail (note != NULL);

  g_ptr_array_add (self->notes, g_strdup (note));
}

/**
 * rapport_report_section_get_notes:
 *
 * Returns: (transfer none): a NULL-terminated array, empty when there are none
 */
const char * const *
rapport_report_section_get_notes (RapportReportSection *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (RAPPORT_IS_REPORT_SECTION (self), NULL);

  /* An empty null-terminated GPtrArray may have no storage yet. */
  if (self->notes->len == 0)
    return none;

  return (const char * const *) self->notes->pdata;
}

guint
rapport_report_section_add_column (RapportReportSection   *self,
                                   const char             *title,
                                   RapportReportValueKind  kind)
{
  Column column = { g_strdup (title != NULL ? title : ""), kind };

  g_return_val_if_fail (RAPPORT_IS_REPORT_SECTION (self), 0);

  g_array_append_val (self->columns, column);
  return self->columns->len - 1;
}

guint
rapport_report_section_get_n_columns (RapportReportSection *self)
{
  g_return_val_if_fail (RAPPORT_IS_REPORT_SECTION (self), 0);
  return self->columns->len;
}

const char *
rapport_report_section_get_column_title (RapportReportSection *self,
                                         guint                 column)
{
  g_return_val_if_fail (RAPPORT_IS_REPORT_SECTION (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);
  return g_array_index (self->columns, Column, column).title;
}

RapportReportValueKind
rapport_report_section_get_column_kind (RapportReportSection *self,
                                        guint                 column)
{
  g_return_val_if_fail (RAPPORT_IS_REPORT_SECTION (self), RAPPORT_REPORT_VALUE_TEXT);
  g_return_val_if_fail (column < self->columns->len, RAPPORT_REPORT_VALUE_TEXT);
  return g_array_index (self->columns, Column, column).kind;
}

guint
rapport_report_section_add_row (RapportReportSection *self,
                                const char           *drill_key)
{
  Row row = { g_strdup (drill_key), NULL, 0 };

  g_return_val_if_fail (RAPPORT_IS_REPORT_SECTION (self), 0);

  g_array_append_val (self->rows, row);
  return self->rows->len - 1;
}

guint
rapport_report_section_get_n_rows (RapportReportSection *self)
{
  g_return_val_if_fail (RAPPORT_IS_REPORT_SECTION (self), 0);
  return self->rows->len;
}

const char *
rapport_report_section_get_drill_key (RapportReportSection *self,
                                      guint                 row)
{
  g_return_val_if_fail (RAPPORT_IS_REPORT_SECTION (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);
  return g_array_index (self->rows, Row, row).drill_key;
}

void
rapport_report_section_set_text (RapportReportSection *self,
                                 guint                 row,
                                 guint                 column,
                                 const char           *text)
{
  Cell *cell;

  g_return_if_fail (RAPPORT_IS_REPORT_SECTION (self));
  cell = get_cell (self, row, column);
  g_return_if_fail (cell != NULL);

  replace_str (&cell->text, text);
  cell->value = 0;
}

void
rapport_report_section_set_value (RapportReportSection *self,
                                  guint                 row,
                                  guint                 column,
                                  double                value,
                                  const char           *text)
{
  Cell *cell;

  g_return_if_fail (RAPPORT_IS_REPORT_SECTION (self));
  cell = get_cell (self, row, column);
  g_return_if_fail (cell != NULL);

  g_free (cell->text);
  cell->text = text != NULL
    ? g_strdup (text)
    : format_value (self, g_array_index (self->columns, Column, column).kind, value);
  cell->value = value;
}

const char *
rapport_report_section_get_text (RapportReportSection *self,
                                 guint                 row,
                                 guint                 column)
{
  Row *r;

  g_return_val_if_fail (RAPPORT_IS_REPORT_SECTION (self), "");
  g_return_val_if_fail (row < self->rows->len, "");
  g_return_val_if_fail (column < self->columns->len, "");

  r = &g_array_index (self->rows, Row, row);
  if (column >= r->n_cells || r->cells[column].text == NULL)
    return "";

  return r->cells[column].text;
}

double
rapport_report_section_get_value (RapportReportSection *self,
                                  guint                 row,
                                  guint                 column)
{
  Row *r;

  g_return_val_if_fail (RAPPORT_IS_REPORT_SECTION (self), 0);
  g_return_val_if_fail (row < self->rows->len, 0);
  g_return_val_if_fail (column < self->columns->len, 0);

  r = &g_array_index (self->rows, Row, row);
  if (column >= r->n_cells)
    return 0;

  return r->cells[column].value;
}

void
rapport_report_section_set_label_column (RapportReportSection *self,
                                         guint                 column)
{
  g_return_if_fail (RAPPORT_IS_REPORT_SECTION (self));
  self->label_column = column;
}

guint
rapport_report_section_get_label_column (RapportReportSection *self)
{
  g_return_val_if_fail (RAPPORT_IS_REPORT_SECTION (self), 0);
  return self->label_column;
}

guint
rapport_report_section_add_series (RapportReportSection *self,
                                   const char           *name,
                                   guint                 column,
                                   gboolean              as_line)
{
  Series series = { g_strdup (name != NULL ? name : ""), column, as_line };

  g_return_val_if_fail (RAPPORT_IS_REPORT_SECTION (self), 0);

  g_array_append_val (self->series, series);
  return self->series->len - 1;
}

guint
rapport_report_section_get_n_series (RapportReportSection *self)
{
  g_return_val_if_fail (RAPPORT_IS_REPORT_SECTION (self), 0);
  return self->series->len;
}

const char *
rapport_report_section_get_series_name (RapportReportSection *self,
                                        guint                 series)
{
  g_return_val_if_fail (RAPPORT_IS_REPORT_SECTION (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);
  return g_array_index (self->series, Series, series).name;
}

guint
rapport_report_section_get_series_column (RapportReportSection *self,
                                          guint                 series)
{
  g_return_val_if_fail (RAPPORT_IS_REPORT_SECTION (self), 0);
  g_return_val_if_fail (series < self->series->len, 0);
  return g_array_index (self->series, Series, series).column;
}

gboolean
rapport_report_section_get_series_is_line (RapportReportSection *self,
                                           guint                 series)
{
  g_return_val_if_fail (RAPPORT_IS_REPORT_SECTION (self), FALSE);
  g_return_val_if_fail (series < self->series->len, FALSE);
  return g_array_index (self->series, Series, series).as_line;
}

const char *
rapport_report_section_get_currency (RapportReportSection *self)
{
  g_return_val_if_fail (RAPPORT_IS_REPORT_SECTION (self), NULL);
  return self->currency;
}

void
rapport_report_section_set_currency (RapportReportSection *self,
                                     const char           *currency)
{
  g_return_if_fail (RAPPORT_IS_REPORT_SECTION (self));
  replace_str (&self->currency, currency);
}

/**
 * rapport_report_section_describe:
 *
 * What a screen reader says for the chart: "Top customers. Two customers
 * make 80% of revenue. Acme: revenue ¥1,200.00, share 60%. …"
 *
 * Returns: (transfer full): plain text
 */
char *
rapport_report_section_describe (RapportReportSection *section)
{
  GString *out;
  guint label;

  g_return_val_if_fail (RAPPORT_IS_REPORT_SECTION (section), NULL);

  out = g_string_new (section->title);
  if (section->summary != NULL && *section->summary != '\0')
    g_string_append_printf (out, ". %s", section->summary);

  if (section->rows->len == 0)
    {
      if (section->empty_text != NULL)
        g_string_append_printf (out, ". %s", section->empty_text);
      g_string_append_c (out, '.');
      return g_string_free (out, FALSE);
    }

  label = section->label_column < section->columns->len ? section->label_column : 0;
  for (guint row = 0; row < section->rows->len; row++)
    {
      gboolean first = TRUE;

      g_string_append (out, ". ");
      if (section->columns->len > 0)
        g_string_append (out, rapport_report_section_get_text (section, row, label));
      for (guint column = 0; column < section->columns->len; column++)
        {
          const char *text;

          if (column == label)
            continue;
          text = rapport_report_section_get_text (section, row, column);
          if (*text == '\0')
            continue;
          /* Translators: between a chart category and its values, then between values */
          g_string_append (out, first ? _(": ") : _(", "));
          g_string_append_printf (out, "%s %s",
                                  g_array_index (section->columns, Column, column).title,
                                  text);
          first = FALSE;
        }
    }
  g_string_append_c (out, '.');

  for (guint i = 0; i < section->notes->len; i++)
    g_string_append_printf (out, " %s", (const char *) g_ptr_array_index (section->notes, i));

  return g_string_free (out, FALSE);
}

/* Report */

struct _RapportReport
{
  GObject             parent_instance;

  RapportReportQuery *query;
  GPtrArray          *sections;
  char               *empty_text;
};

G_DEFINE_FINAL_TYPE (RapportReport, rapport_report, G_TYPE_OBJECT)

static void
rapport_report_finalize (GObject *object)
{
  RapportReport *self = RAPPORT_REPORT (object);

  rapport_report_query_free (self->query);
  g_ptr_array_unref (self->sections);
  g_free (self->empty_text);

  G_OBJECT_CLASS (rapport_report_parent_class)->finalize (object);
}

static void
rapport_report_class_init (RapportReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_report_finalize;
}

static void
rapport_report_init (RapportReport *self)
{
  self->sections = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * rapport_report_new:
 * @query: copied
 *
 * Returns: (transfer full): a report with no sections yet
 */
RapportReport *
rapport_report_new (const RapportReportQuery *query)
{
  RapportReport *self;

  g_return_val_if_fail (query != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_REPORT, NULL);
  self->query = rapport_report_query_copy (query);

  return self;
}

const RapportReportQuery *
rapport_report_get_query (RapportReport *self)
{
  g_return_val_if_fail (RAPPORT_IS_REPORT (self), NULL);
  return self->query;
}

RapportReportKind
rapport_report_get_kind (RapportReport *self)
{
  g_return_val_if_fail (RAPPORT_IS_REPORT (self), RAPPORT_REPORT_VALUE_MATRIX);
  return self->query->kind;
}

void
rapport_report_add_section (RapportReport        *self,
                            RapportReportSection *section)
{
  g_return_if_fail (RAPPORT_IS_REPORT (self));
  g_return_if_fail (RAPPORT_IS_REPORT_SECTION (section));

  rapport_report_section_set_currency (section, self->query->currency);
  g_ptr_array_add (self->sections, g_object_ref (section));
}

guint
rapport_report_get_n_sections (RapportReport *self)
{
  g_return_val_if_fail (RAPPORT_IS_REPORT (self), 0);
  return self->sections->len;
}

/**
 * rapport_report_get_section:
 *
 * Returns: (transfer none): the section at @index
 */
RapportReportSection *
rapport_report_get_section (RapportReport *self,
                            guint          index)
{
  g_return_val_if_fail (RAPPORT_IS_REPORT (self), NULL);
  g_return_val_if_fail (index < self->sections->len, NULL);
  return g_ptr_array_index (self->sections, index);
}

/**
 * rapport_report_find_section:
 *
 * Returns: (transfer none) (nullable): the section called @id
 */
RapportReportSection *
rapport_report_find_section (RapportReport *self,
                             const char    *id)
{
  g_return_val_if_fail (RAPPORT_IS_REPORT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->sections->len; i++)
    {
      RapportReportSection *section = g_ptr_array_index (self->sections, i);

      if (g_str_equal (section->id, id))
        return section;
    }

  return NULL;
}

const char *
rapport_report_get_empty_text (RapportReport *self)
{
  g_return_val_if_fail (RAPPORT_IS_REPORT (self), NULL);
  return self->empty_text;
}

void
rapport_report_set_empty_text (RapportReport *self,
                               const char    *text)
{
  g_return_if_fail (RAPPORT_IS_REPORT (self));
  replace_str (&self->empty_text, text);
}
