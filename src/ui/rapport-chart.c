/* rapport-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include <adwaita.h>

#include "rapport-chart.h"
#include "rapport-compat.h"
#include "rapport-money.h"

/* Fewer series than this are drawn; a report never has more. */
#define MAX_SERIES 8
/* A pie shows at most this many slices; smaller ones fold into "Other". */
#define MAX_SLICES 7
#define MIN_SLICE_SHARE 0.02
#define CHART_HEIGHT 220
#define PIE_SIDE_BY_SIDE_WIDTH 420
#define MIN_LABEL_WIDTH 56.0
#define PAD 8.0
#define MAX_LEGEND_WIDTH 360.0

struct _RapportChart
{
  GtkWidget             parent_instance;

  RapportReportSection *section;
  /* A row, or -1: under the pointer, or chosen with Left/Right. */
  int                   highlight;
};

G_DEFINE_FINAL_TYPE (RapportChart, rapport_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CATEGORY_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What is drawn where: computed for drawing and for hit-testing alike. */
typedef struct
{
  int      row;   /* -1: "Other", the folded small slices */
  double   value;
  double   start; /* radians, clockwise from 12 o'clock */
  double   sweep;
} Slice;

typedef struct
{
  RapportReportSection  *section;
  PangoContext          *pango_context;
  int                    width;
  int                    height;
  gboolean               dark;
  GdkRGBA                accent;
  GdkRGBA                fg;
  int                    highlight;

  RapportChartKind       kind;
  guint                  n_rows;
  guint                  label_column;
  guint                  n_bars;
  guint                  bars[MAX_SERIES];
  guint                  n_lines;
  guint                  lines[MAX_SERIES];
  gboolean               line_on_percent_axis[MAX_SERIES];

  /* Bars and lines */
  RapportReportValueKind axis_kind;
  double                 axis_lo;
  double                 axis_hi;
  double                 axis_step;
  gboolean               has_percent_axis;
  gboolean               has_legend;
  graphene_rect_t        plot;
  double                 slot;
  guint                  label_every;

  /* Pies and donuts */
  GArray                *slices;
  double                 total;
  double                 cx;
  double                 cy;
  double                 radius;
  double                 inner_radius;
  graphene_rect_t        legend;
  double                 legend_row_height;
} ChartLayout;

static void
chart_layout_clear (ChartLayout *layout)
{
  g_clear_pointer (&layout->slices, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ChartLayout, chart_layout_clear)

/* Number formatting */

static gboolean
groups_by_myriads (void)
{
  /* Translators: "myriads" if your language names large numbers by ten
   * thousands (万, 亿: axis labels such as "12万"); anything else keeps
   * thousands ("12K", "1.2M"). */
  return g_str_equal (C_("number grouping", "thousands"), "myriads");
}

typedef enum {
  UNIT_ONE,
  UNIT_THOUSAND,
  UNIT_MILLION,
  UNIT_BILLION,
  UNIT_MYRIAD,
  UNIT_HUNDRED_MILLION,
} NumberUnit;

static char *
format_short_number (double value)
{
  double magnitude = fabs (value);
  g_autofree char *digits = NULL;
  g_autofree char *number = NULL;
  NumberUnit unit = UNIT_ONE;
  double scaled = magnitude;

  if (groups_by_myriads ())
    {
      if (magnitude >= 1e8)
        unit = UNIT_HUNDRED_MILLION, scaled = magnitude / 1e8;
      else if (magnitude >= 1e4)
        unit = UNIT_MYRIAD, scaled = magnitude / 1e4;
    }
  else if (magnitude >= 1e9)
    unit = UNIT_BILLION, scaled = magnitude / 1e9;
  else if (magnitude >= 1e6)
    unit = UNIT_MILLION, scaled = magnitude / 1e6;
  else if (magnitude >= 1e3)
    unit = UNIT_THOUSAND, scaled = magnitude / 1e3;

  if (fabs (scaled - round (scaled)) < 0.05 || scaled >= 100)
    digits = g_strdup_printf ("%.0f", round (scaled));
  else
    digits = g_strdup_printf ("%.1f", scaled);

  switch (unit)
    {
    case UNIT_THOUSAND:
      /* Translators: an axis label in thousands: "12K" */
      number = g_strdup_printf (C_("chart axis", "%sK"), digits);
      break;
    case UNIT_MILLION:
      /* Translators: an axis label in millions: "1.2M" */
      number = g_strdup_printf (C_("chart axis", "%sM"), digits);
      break;
    case UNIT_BILLION:
      /* Translators: an axis label in billions: "1.2B" */
      number = g_strdup_printf (C_("chart axis", "%sB"), digits);
      break;
    case UNIT_MYRIAD:
      /* Translators: an axis label in ten thousands (万), used when "number
       * grouping" is translated as "myriads" */
      number = g_strdup_printf (C_("chart axis", "%s×10⁴"), digits);
      break;
    case UNIT_HUNDRED_MILLION:
      /* Translators: an axis label in hundreds of millions (亿), used when
       * "number grouping" is translated as "myriads" */
      number = g_strdup_printf (C_("chart axis", "%s×10⁸"), digits);
      break;
    case UNIT_ONE:
    default:
      number = g_steal_pointer (&digits);
      break;
    }

  return g_strconcat (value < 0 ? "-" : "", number, NULL);
}

/* The symbol before a formatted amount: "¥", "$", "CHF ". */
static char *
currency_prefix (const char *currency)
{
  g_autofree char *full = rapport_money_format (0, currency);
  g_autofree char *plain = rapport_money_format_plain (0, currency);

  if (g_str_has_suffix (full, plain))
    return g_strndup (full, strlen (full) - strlen (plain));
  return g_strdup ("");
}

/* Seconds in the unit an axis up to @scale seconds counts in: days from
 * two days, hours from two hours, minutes below. */
static double
duration_unit (double scale)
{
  scale = fabs (scale);
  if (scale >= 2 * 86400)
    return 86400;
  if (scale >= 2 * 3600)
    return 3600;
  return 60;
}

/* A short axis label for @value of @kind: "¥1.2M", "40%", "3 h"; the
 * labels of one axis share a unit, chosen by @scale (its largest value). */
static char *
format_axis_value (RapportReportSection   *section,
                   RapportReportValueKind  kind,
                   double                  value,
                   double                  scale)
{
  switch (kind)
    {
    case RAPPORT_REPORT_VALUE_MONEY:
      {
        const char *currency = rapport_report_section_get_currency (section);
        guint digits = rapport_currency_get_digits (currency != NULL ? currency : "CNY");
        g_autofree char *prefix = currency_prefix (currency != NULL ? currency : "CNY");
        g_autofree char *number = format_short_number (fabs (value) / pow (10, digits));

        return g_strconcat (value < 0 ? "-" : "", prefix, number, NULL);
      }

    case RAPPORT_REPORT_VALUE_PERCENT:
      /* Translators: an axis label, a percentage: "40%" */
      return g_strdup_printf (C_("chart axis", "%.0f%%"), value);

    case RAPPORT_REPORT_VALUE_DURATION:
      {
        double unit = duration_unit (scale);
        double amount = value / unit;
        int decimals = fabs (amount - round (amount)) < 0.05 ? 0 : 1;

        if (unit == 86400)
          /* Translators: an axis label, days */
          return g_strdup_printf (C_("chart axis", "%.*f d"), decimals, amount);
        if (unit == 3600)
          /* Translators: an axis label, hours */
          return g_strdup_printf (C_("chart axis", "%.*f h"), decimals, amount);
        /* Translators: an axis label, minutes */
        return g_strdup_printf (C_("chart axis", "%.*f min"), decimals, amount);
      }

    case RAPPORT_REPORT_VALUE_RATING:
      return g_strdup_printf ("%.1f", value);

    case RAPPORT_REPORT_VALUE_COUNT:
    case RAPPORT_REPORT_VALUE_TEXT:
    default:
      return format_short_number (value);
    }
}

/* The donut's total, in full: "¥1,234,500.00", "812". */
static char *
format_total (RapportReportSection   *section,
              RapportReportValueKind  kind,
              double                  value)
{
  if (kind == RAPPORT_REPORT_VALUE_MONEY)
    {
      const char *currency = rapport_report_section_get_currency (section);

      return rapport_money_format ((gint64) llround (value), currency != NULL ? currency : "CNY");
    }
  if (kind == RAPPORT_REPORT_VALUE_COUNT)
    return g_strdup_printf ("%'.0f", value);
  return format_axis_value (section, kind, value, value);
}

/* Colours */

static void
mix (GdkRGBA       *out,
     const GdkRGBA *a,
     const GdkRGBA *b,
     double         amount)
{
  out->red = a->red + (b->red - a->red) * amount;
  out->green = a->green + (b->green - a->green) * amount;
  out->blue = a->blue + (b->blue - a->blue) * amount;
  out->alpha = a->alpha + (b->alpha - a->alpha) * amount;
}

static double
hue_of (const GdkRGBA *color)
{
  double max = MAX (color->red, MAX (color->green, color->blue));
  double min = MIN (color->red, MIN (color->green, color->blue));
  double delta = max - min;
  double hue;

  if (delta < 1e-6)
    return -1;
  if (max == color->red)
    hue = fmod ((color->green - color->blue) / delta, 6);
  else if (max == color->green)
    hue = (color->blue - color->red) / delta + 2;
  else
    hue = (color->red - color->green) / delta + 4;
  hue *= 60;
  return hue < 0 ? hue + 360 : hue;
}

/* GNOME's palette: a darker shade on light backgrounds, a lighter one on dark. */
static const char * const palette_light[] = {
  "#1c71d8", "#2ec27e", "#e5a50a", "#e66100", "#c01c28", "#813d9c", "#865e3c",
};
static const char * const palette_dark[] = {
  "#62a0ea", "#57e389", "#f8e45c", "#ffa348", "#f66151", "#dc8add", "#cdab8f",
};

/* The @index-th colour: the accent first, then the palette without the
 * colours too close to the accent. */
static void
series_color (const ChartLayout *layout,
              guint              index,
              GdkRGBA           *out)
{
  const char * const *palette = layout->dark ? palette_dark : palette_light;
  double accent_hue = hue_of (&layout->accent);
  guint n = 0;

  if (index == 0)
    {
      *out = layout->accent;
      return;
    }

  for (guint round = 0; ; round++)
    for (guint i = 0; i < G_N_ELEMENTS (palette_light); i++)
      {
        GdkRGBA color;
        double distance;

        gdk_rgba_parse (&color, palette[i]);
        distance = fabs (hue_of (&color) - accent_hue);
        distance = MIN (distance, 360 - distance);
        if (round == 0 && accent_hue >= 0 && distance < 25)
          continue;
        if (++n == index)
          {
            /* Past the palette's end, the same colours a little faded. */
            if (round > 0)
              color.alpha = 0.6;
            *out = color;
            return;
          }
      }
}

static void
dim_color (const ChartLayout *layout,
           double             alpha,
           GdkRGBA           *out)
{
  *out = layout->fg;
  out->alpha *= alpha;
}

/* Text */

static PangoLayout *
create_text (const ChartLayout *layout,
             const char        *text,
             double             scale,
             gboolean           bold)
{
  PangoLayout *pango_layout = pango_layout_new (layout->pango_context);
  const PangoFontDescription *base = pango_context_get_font_description (layout->pango_context);
  g_autoptr (PangoFontDescription) font = base != NULL ? pango_font_description_copy (base)
                                                       : pango_font_description_from_string ("Sans 10");
  int size = pango_font_description_get_size (font);

  if (size <= 0)
    size = 10 * PANGO_SCALE;
  if (pango_font_description_get_size_is_absolute (font))
    pango_font_description_set_absolute_size (font, size * scale);
  else
    pango_font_description_set_size (font, (int) (size * scale));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (pango_layout, font);
  pango_layout_set_text (pango_layout, text != NULL ? text : "", -1);
  pango_layout_set_single_paragraph_mode (pango_layout, TRUE);
  return pango_layout;
}

/* A one-line label no wider than @max_width, ellipsized at the end. */
static PangoLayout *
create_label (const ChartLayout *layout,
              const char        *text,
              double             max_width,
              double             scale)
{
  PangoLayout *pango_layout = create_text (layout, text, scale, FALSE);

  pango_layout_set_width (pango_layout, (int) (MAX (max_width, 1) * PANGO_SCALE));
  pango_layout_set_ellipsize (pango_layout, PANGO_ELLIPSIZE_END);
  return pango_layout;
}

static void
text_size (PangoLayout *pango_layout,
           double      *width,
           double      *height)
{
  PangoRectangle logical;

  pango_layout_get_pixel_extents (pango_layout, NULL, &logical);
  if (width != NULL)
    *width = logical.width;
  if (height != NULL)
    *height = logical.height;
}

static void
append_text (GtkSnapshot   *snapshot,
             PangoLayout   *pango_layout,
             double         x,
             double         y,
             const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, pango_layout, color);
  gtk_snapshot_restore (snapshot);
}

static double
line_height (const ChartLayout *layout,
             double             scale)
{
  /* Chinese glyphs stand taller than Latin ones in most fonts. */
  g_autoptr (PangoLayout) probe = create_text (layout, "0国", scale, FALSE);
  double height;

  text_size (probe, NULL, &height);
  return height;
}

/* Layout */

static double
nice_step (double range,
           guint  n_steps)
{
  double raw = range / n_steps;
  double power = pow (10, floor (log10 (raw)));
  double fraction = raw / power;

  if (fraction <= 1)
    return power;
  if (fraction <= 2)
    return 2 * power;
  if (fraction <= 2.5)
    return 2.5 * power;
  if (fraction <= 5)
    return 5 * power;
  return 10 * power;
}

static void
layout_axis (ChartLayout *layout)
{
  double lo = 0;
  double hi = 0;
  gboolean any = FALSE;

  for (guint row = 0; row < layout->n_rows; row++)
    {
      for (guint i = 0; i < layout->n_bars; i++)
        {
          double value = rapport_report_section_get_value (layout->section, row, layout->bars[i]);

          lo = MIN (lo, value);
          hi = MAX (hi, value);
          any = TRUE;
        }
      for (guint i = 0; i < layout->n_lines; i++)
        if (!layout->line_on_percent_axis[i])
          {
            double value = rapport_report_section_get_value (layout->section, row, layout->lines[i]);

            lo = MIN (lo, value);
            hi = MAX (hi, value);
            any = TRUE;
          }
    }

  if (!any || hi - lo <= 0)
    hi = lo + (layout->axis_kind == RAPPORT_REPORT_VALUE_PERCENT ? 100 : 1);

  if (layout->axis_kind == RAPPORT_REPORT_VALUE_DURATION)
    {
      /* Steps of whole minutes, hours or days, not of 2,000 seconds. */
      double unit = duration_unit (MAX (fabs (lo), fabs (hi)));

      layout->axis_step = nice_step ((hi - lo) / unit, 4) * unit;
    }
  else
    {
      layout->axis_step = nice_step (hi - lo, 4);
    }
  /* Counts are whole: no "0.5 customers" gridline. */
  if (layout->axis_kind == RAPPORT_REPORT_VALUE_COUNT && layout->axis_step < 1)
    layout->axis_step = 1;
  layout->axis_lo = floor (lo / layout->axis_step) * layout->axis_step;
  layout->axis_hi = ceil (hi / layout->axis_step) * layout->axis_step;
  if (layout->axis_hi <= layout->axis_lo)
    layout->axis_hi = layout->axis_lo + layout->axis_step;
}

static double
value_to_y (const ChartLayout *layout,
            double             value)
{
  double fraction = (value - layout->axis_lo) / (layout->axis_hi - layout->axis_lo);

  return layout->plot.origin.y + layout->plot.size.height * (1 - fraction);
}

static double
percent_to_y (const ChartLayout *layout,
              double             percent)
{
  return layout->plot.origin.y + layout->plot.size.height * (1 - CLAMP (percent, 0, 100) / 100);
}

static double
slot_center (const ChartLayout *layout,
             guint              row)
{
  return layout->plot.origin.x + layout->slot * (row + 0.5);
}

static void
layout_cartesian (ChartLayout *layout)
{
  double left = 0;
  double right = PAD;
  double top = PAD;
  double label_height = line_height (layout, 0.85);
  double bottom;

  layout_axis (layout);

  for (double tick = layout->axis_lo; tick <= layout->axis_hi + layout->axis_step / 2;
       tick += layout->axis_step)
    {
      g_autofree char *text = format_axis_value (layout->section, layout->axis_kind, tick,
                                                   MAX (fabs (layout->axis_lo), fabs (layout->axis_hi)));
      g_autoptr (PangoLayout) pango_layout = create_text (layout, text, 0.85, FALSE);
      double width;

      text_size (pango_layout, &width, NULL);
      left = MAX (left, width);
    }
  left = MIN (left, layout->width / 4.0) + PAD + 4;

  if (layout->has_percent_axis)
    {
      g_autoptr (PangoLayout) pango_layout = create_text (layout, "100%", 0.85, FALSE);
      double width;

      text_size (pango_layout, &width, NULL);
      right = width + PAD + 4;
    }

  layout->has_legend = layout->n_bars + layout->n_lines > 1;
  if (layout->has_legend)
    top += label_height + 6;
  /* Half a label above the top gridline, so that its label is not cut. */
  top += label_height / 2;
  bottom = label_height + 6 + PAD;

  graphene_rect_init (&layout->plot, left, top,
                      MAX (layout->width - left - right, 1),
                      MAX (layout->height - top - bottom, 1));
  layout->slot = layout->plot.size.width / MAX (layout->n_rows, 1);
  layout->label_every = (guint) ceil (MIN_LABEL_WIDTH / layout->slot);
  layout->label_every = MAX (layout->label_every, 1);
}

static int
compare_rows_by_value (gconstpointer a,
                       gconstpointer b)
{
  const Slice *slice_a = a;
  const Slice *slice_b = b;

  if (slice_a->value != slice_b->value)
    return slice_a->value < slice_b->value ? 1 : -1;
  return slice_a->row - slice_b->row;
}

static void
layout_pie (ChartLayout *layout)
{
  g_autoptr (GArray) all = g_array_new (FALSE, FALSE, sizeof (Slice));
  double other = 0;
  double angle = 0;
  double row_height;
  guint n_legend;

  layout->slices = g_array_new (FALSE, FALSE, sizeof (Slice));
  if (layout->n_bars == 0)
    return;

  for (guint row = 0; row < layout->n_rows; row++)
    {
      Slice slice = { row, rapport_report_section_get_value (layout->section, row, layout->bars[0]), 0, 0 };

      /* Refunds larger than the sales have no slice: the table shows them. */
      if (slice.value > 0)
        {
          g_array_append_val (all, slice);
          layout->total += slice.value;
        }
    }
  g_array_sort (all, compare_rows_by_value);

  for (guint i = 0; i < all->len; i++)
    {
      Slice *slice = &g_array_index (all, Slice, i);
      gboolean last = i + 1 == all->len;
      /* The last slot goes to "Other" unless nothing is folded. */
      gboolean fits = layout->slices->len < MAX_SLICES - 1 ||
                      (last && other == 0 && layout->slices->len < MAX_SLICES);

      /* A lone small slice is shown rather than folded into an "Other" of one. */
      if (fits && (slice->value / layout->total >= MIN_SLICE_SHARE || (last && other == 0)))
        g_array_append_val (layout->slices, *slice);
      else
        other += slice->value;
    }
  if (other > 0)
    {
      Slice slice = { -1, other, 0, 0 };

      g_array_append_val (layout->slices, slice);
    }

  for (guint i = 0; i < layout->slices->len; i++)
    {
      Slice *slice = &g_array_index (layout->slices, Slice, i);

      slice->start = angle;
      slice->sweep = 2 * G_PI * slice->value / layout->total;
      angle += slice->sweep;
    }

  row_height = line_height (layout, 0.9) + 6;
  layout->legend_row_height = row_height;
  n_legend = layout->slices->len;

  if (layout->width >= PIE_SIDE_BY_SIDE_WIDTH)
    {
      double diameter = MIN (layout->height - 2 * PAD, layout->width * 0.45);

      layout->radius = diameter / 2;
      layout->cx = PAD + layout->radius;
      layout->cy = layout->height / 2.0;
      /* Not so wide that a share stands far from its name. */
      graphene_rect_init (&layout->legend, layout->cx + layout->radius + 3 * PAD,
                          MAX (PAD, layout->cy - n_legend * row_height / 2),
                          CLAMP (layout->width - (layout->cx + layout->radius + 4 * PAD), 1, MAX_LEGEND_WIDTH),
                          n_legend * row_height);
    }
  else
    {
      double legend_height = n_legend * row_height;
      double diameter = MIN (layout->width - 2 * PAD, layout->height - legend_height - 3 * PAD);

      diameter = MAX (diameter, 40);
      layout->radius = diameter / 2;
      layout->cx = layout->width / 2.0;
      layout->cy = PAD + layout->radius;
      graphene_rect_init (&layout->legend, PAD, layout->cy + layout->radius + 2 * PAD,
                          MAX (layout->width - 2 * PAD, 1), legend_height);
    }
  layout->inner_radius = layout->kind == RAPPORT_CHART_DONUT ? layout->radius * 0.6 : 0;
}

static void
chart_layout_init (ChartLayout          *layout,
                   RapportReportSection *section,
                   PangoContext         *pango_context,
                   int                   width,
                   int                   height,
                   gboolean              dark,
                   const GdkRGBA        *accent,
                   const GdkRGBA        *fg,
                   int                   highlight)
{
  guint n_series;
  gboolean any_not_percent = FALSE;

  memset (layout, 0, sizeof *layout);
  layout->section = section;
  layout->pango_context = pango_context;
  layout->width = width;
  layout->height = height;
  layout->dark = dark;
  layout->accent = *accent;
  layout->fg = *fg;
  layout->highlight = highlight;
  layout->kind = rapport_report_section_get_chart_kind (section);
  layout->n_rows = rapport_report_section_get_n_rows (section);
  layout->label_column = rapport_report_section_get_label_column (section);

  n_series = rapport_report_section_get_n_series (section);
  for (guint i = 0; i < n_series && i < MAX_SERIES; i++)
    {
      guint column = rapport_report_section_get_series_column (section, i);
      gboolean as_line = rapport_report_section_get_series_is_line (section, i);

      if (layout->kind == RAPPORT_CHART_LINE)
        as_line = TRUE;
      if (as_line)
        layout->lines[layout->n_lines++] = column;
      else
        layout->bars[layout->n_bars++] = column;
      if (rapport_report_section_get_column_kind (section, column) != RAPPORT_REPORT_VALUE_PERCENT)
        any_not_percent = TRUE;
    }

  /* Percentages get their own 0–100% axis beside amounts (a Pareto curve
   * over revenue bars); alone, they are the main axis. */
  layout->axis_kind = RAPPORT_REPORT_VALUE_COUNT;
  for (guint i = 0; i < layout->n_lines; i++)
    if (any_not_percent &&
        rapport_report_section_get_column_kind (section, layout->lines[i]) == RAPPORT_REPORT_VALUE_PERCENT)
      {
        layout->line_on_percent_axis[i] = TRUE;
        layout->has_percent_axis = TRUE;
      }
  for (guint i = 0; i < layout->n_bars + layout->n_lines; i++)
    {
      gboolean is_bar = i < layout->n_bars;
      guint column = is_bar ? layout->bars[i] : layout->lines[i - layout->n_bars];

      if (is_bar || !layout->line_on_percent_axis[i - layout->n_bars])
        {
          layout->axis_kind = rapport_report_section_get_column_kind (section, column);
          break;
        }
    }

  if (layout->n_rows == 0 || width <= 0 || height <= 0)
    return;

  if (layout->kind == RAPPORT_CHART_PIE || layout->kind == RAPPORT_CHART_DONUT)
    {
      /* A pie of a line series alone still shows its values. */
      if (layout->n_bars == 0 && layout->n_lines > 0)
        layout->bars[layout->n_bars++] = layout->lines[0];
      layout_pie (layout);
    }
  else if (layout->kind == RAPPORT_CHART_BAR || layout->kind == RAPPORT_CHART_LINE)
    layout_cartesian (layout);
}

/* The row under (@x, @y), or -1. Bars answer for their whole column, so
 * that a short bar is as easy to hit as a tall one. */
static int
chart_layout_hit (const ChartLayout *layout,
                  double             x,
                  double             y)
{
  if (layout->n_rows == 0)
    return -1;

  if (layout->kind == RAPPORT_CHART_BAR || layout->kind == RAPPORT_CHART_LINE)
    {
      double offset = x - layout->plot.origin.x;

      if (offset < 0 || offset >= layout->plot.size.width ||
          y < layout->plot.origin.y || y > layout->height)
        return -1;
      return MIN ((guint) (offset / layout->slot), layout->n_rows - 1);
    }

  if (layout->slices != NULL)
    {
      double dx = x - layout->cx;
      double dy = y - layout->cy;
      double distance = sqrt (dx * dx + dy * dy);
      double angle;

      if (distance <= layout->radius && distance >= layout->inner_radius)
        {
          angle = atan2 (dx, -dy);
          if (angle < 0)
            angle += 2 * G_PI;
          for (guint i = 0; i < layout->slices->len; i++)
            {
              const Slice *slice = &g_array_index (layout->slices, Slice, i);

              if (angle >= slice->start && angle < slice->start + slice->sweep)
                return slice->row;
            }
        }

      if (graphene_rect_contains_point (&layout->legend, &GRAPHENE_POINT_INIT (x, y)))
        {
          guint i = (guint) ((y - layout->legend.origin.y) / layout->legend_row_height);

          if (i < layout->slices->len)
            return g_array_index (layout->slices, Slice, i).row;
        }
    }
  return -1;
}

/* The rows Left and Right move through, in drawing order. */
static GArray *
chart_layout_get_stops (const ChartLayout *layout)
{
  GArray *stops = g_array_new (FALSE, FALSE, sizeof (int));

  if (layout->slices != NULL)
    {
      for (guint i = 0; i < layout->slices->len; i++)
        {
          int row = g_array_index (layout->slices, Slice, i).row;

          if (row >= 0)
            g_array_append_val (stops, row);
        }
    }
  else
    {
      for (guint i = 0; i < layout->n_rows; i++)
        {
          int row = i;

          g_array_append_val (stops, row);
        }
    }
  return stops;
}

/* Drawing */

static void
draw_legend_entry (GtkSnapshot       *snapshot,
                   const ChartLayout *layout,
                   double             x,
                   double             y,
                   double             max_width,
                   const GdkRGBA     *color,
                   gboolean           as_line,
                   const char        *name,
                   double            *out_width)
{
  g_autoptr (PangoLayout) text = create_label (layout, name, max_width - 18, 0.85);
  double width, height;

  text_size (text, &width, &height);
  if (as_line)
    gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y + height / 2 - 1.5, 12, 3));
  else
    gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y + height / 2 - 5, 12, 10));
  append_text (snapshot, text, x + 16, y, &layout->fg);
  if (out_width != NULL)
    *out_width = 16 + width;
}

static void
draw_cartesian (GtkSnapshot       *snapshot,
                const ChartLayout *layout)
{
  const graphene_rect_t *plot = &layout->plot;
  double label_height = line_height (layout, 0.85);
  GdkRGBA grid, dim, band;
  double zero_y;
  guint n_series = layout->n_bars + layout->n_lines;

  dim_color (layout, 0.15, &grid);
  dim_color (layout, 0.7, &dim);
  dim_color (layout, 0.08, &band);

  if (layout->highlight >= 0 && (guint) layout->highlight < layout->n_rows)
    gtk_snapshot_append_color (snapshot, &band,
                               &GRAPHENE_RECT_INIT (plot->origin.x + layout->slot * layout->highlight,
                                                    plot->origin.y, layout->slot, plot->size.height));

  /* Gridlines and the value axis' labels */
  for (double tick = layout->axis_lo; tick <= layout->axis_hi + layout->axis_step / 2;
       tick += layout->axis_step)
    {
      double y = round (value_to_y (layout, tick));
      g_autofree char *text = format_axis_value (layout->section, layout->axis_kind, tick,
                                                   MAX (fabs (layout->axis_lo), fabs (layout->axis_hi)));
      g_autoptr (PangoLayout) pango_layout = create_label (layout, text, plot->origin.x - PAD - 4, 0.85);
      double width;

      /* Below zero (refunds larger than the sales), zero stands out. */
      gboolean is_zero = layout->axis_lo < 0 && fabs (tick) < layout->axis_step / 1000;

      gtk_snapshot_append_color (snapshot, is_zero ? &dim : &grid,
                                 &GRAPHENE_RECT_INIT (plot->origin.x, y, plot->size.width, 1));
      pango_layout_set_alignment (pango_layout, PANGO_ALIGN_RIGHT);
      text_size (pango_layout, &width, NULL);
      append_text (snapshot, pango_layout, PAD, y - label_height / 2, &dim);
    }

  if (layout->has_percent_axis)
    for (int percent = 0; percent <= 100; percent += 25)
      {
        double y = round (percent_to_y (layout, percent));
        g_autofree char *text = format_axis_value (layout->section, RAPPORT_REPORT_VALUE_PERCENT, percent, 100);
        g_autoptr (PangoLayout) pango_layout = create_text (layout, text, 0.85, FALSE);

        append_text (snapshot, pango_layout, plot->origin.x + plot->size.width + 4, y - label_height / 2, &dim);
      }

  /* Bars, side by side when there are several series */
  zero_y = value_to_y (layout, CLAMP (0, layout->axis_lo, layout->axis_hi));
  if (layout->n_bars > 0)
    {
      double group = MIN (layout->slot * 0.7, 48.0 * layout->n_bars);
      double bar_width = MAX (group / layout->n_bars, 1);

      for (guint row = 0; row < layout->n_rows; row++)
        for (guint i = 0; i < layout->n_bars; i++)
          {
            double value = rapport_report_section_get_value (layout->section, row, layout->bars[i]);
            double y = value_to_y (layout, value);
            double x = slot_center (layout, row) - group / 2 + i * bar_width;
            GdkRGBA color;

            series_color (layout, i, &color);
            if ((int) row == layout->highlight)
              mix (&color, &color, &layout->fg, 0.25);
            gtk_snapshot_append_color (snapshot, &color,
                                       &GRAPHENE_RECT_INIT (x, MIN (y, zero_y),
                                                            MAX (bar_width - (layout->n_bars > 1 ? 1 : 0), 1),
                                                            MAX (fabs (zero_y - y), value != 0 ? 1 : 0)));
          }
    }

  /* Lines with a dot at each category */
  for (guint i = 0; i < layout->n_lines; i++)
    {
      graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, layout->width, layout->height);
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &bounds);
      double dot = layout->slot >= 12 ? 3.5 : 0;
      GdkRGBA color;

      series_color (layout, layout->n_bars + i, &color);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_set_line_width (cr, 2.5);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      for (guint row = 0; row < layout->n_rows; row++)
        {
          double value = rapport_report_section_get_value (layout->section, row, layout->lines[i]);
          double y = layout->line_on_percent_axis[i] ? percent_to_y (layout, value) : value_to_y (layout, value);

          cairo_line_to (cr, slot_center (layout, row), y);
        }
      cairo_stroke (cr);
      for (guint row = 0; row < layout->n_rows && dot > 0; row++)
        {
          double value = rapport_report_section_get_value (layout->section, row, layout->lines[i]);
          double y = layout->line_on_percent_axis[i] ? percent_to_y (layout, value) : value_to_y (layout, value);
          double radius = (int) row == layout->highlight ? dot + 2 : dot;

          cairo_new_sub_path (cr);
          cairo_arc (cr, slot_center (layout, row), y, radius, 0, 2 * G_PI);
        }
      cairo_fill (cr);
      cairo_destroy (cr);
    }

  /* The categories' names, every few when they do not all fit */
  for (guint row = 0; row < layout->n_rows; row += layout->label_every)
    {
      const char *text = rapport_report_section_get_text (layout->section, row, layout->label_column);
      double max_width = layout->slot * layout->label_every - 4;
      g_autoptr (PangoLayout) pango_layout = create_label (layout, text, max_width, 0.85);
      double width;

      text_size (pango_layout, &width, NULL);
      append_text (snapshot, pango_layout, slot_center (layout, row) - width / 2,
                   plot->origin.y + plot->size.height + 4,
                   (int) row == layout->highlight ? &layout->fg : &dim);
    }

  if (layout->has_legend)
    {
      double x = plot->origin.x;
      double max_width = (layout->width - plot->origin.x - PAD) / n_series;

      for (guint i = 0; i < n_series; i++)
        {
          gboolean is_bar = i < layout->n_bars;
          guint series = 0;
          guint column = is_bar ? layout->bars[i] : layout->lines[i - layout->n_bars];
          guint n = rapport_report_section_get_n_series (layout->section);
          GdkRGBA color;
          double width;

          for (guint s = 0; s < n; s++)
            if (rapport_report_section_get_series_column (layout->section, s) == column)
              series = s;
          series_color (layout, i, &color);
          draw_legend_entry (snapshot, layout, x, PAD, max_width, &color, !is_bar,
                             rapport_report_section_get_series_name (layout->section, series), &width);
          x += width + 2 * PAD;
        }
    }
}

static void
slice_color (const ChartLayout *layout,
             guint              index,
             GdkRGBA           *out)
{
  const Slice *slice = &g_array_index (layout->slices, Slice, index);

  if (slice->row < 0)
    dim_color (layout, 0.35, out);
  else
    series_color (layout, index, out);
}

static void
draw_pie (GtkSnapshot       *snapshot,
          const ChartLayout *layout)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, layout->width, layout->height);
  RapportReportValueKind kind;
  GdkRGBA dim;
  cairo_t *cr;

  if (layout->slices == NULL || layout->slices->len == 0)
    return;

  dim_color (layout, 0.7, &dim);
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  for (guint i = 0; i < layout->slices->len; i++)
    {
      const Slice *slice = &g_array_index (layout->slices, Slice, i);
      gboolean highlighted = slice->row >= 0 && slice->row == layout->highlight;
      double radius = highlighted ? layout->radius + 0 : layout->radius - 3;
      double start = slice->start - G_PI / 2;
      GdkRGBA color;

      slice_color (layout, i, &color);
      if (highlighted)
        mix (&color, &color, &layout->fg, 0.2);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_new_path (cr);
      if (layout->inner_radius > 0)
        {
          cairo_arc (cr, layout->cx, layout->cy, radius, start, start + slice->sweep);
          cairo_arc_negative (cr, layout->cx, layout->cy, layout->inner_radius, start + slice->sweep, start);
        }
      else
        {
          cairo_move_to (cr, layout->cx, layout->cy);
          cairo_arc (cr, layout->cx, layout->cy, radius, start, start + slice->sweep);
        }
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  cairo_destroy (cr);

  kind = rapport_report_section_get_column_kind (layout->section, layout->bars[0]);
  if (layout->inner_radius > 0)
    {
      g_autofree char *total = format_total (layout->section, kind, layout->total);
      g_autoptr (PangoLayout) number = create_text (layout, total, 1.1, TRUE);
      double full_width;

      /* "¥1,875,000.00" in full when it fits the hole, "¥1.9M" when not. */
      text_size (number, &full_width, NULL);
      if (full_width > layout->inner_radius * 1.7)
        {
          g_autofree char *short_total = format_axis_value (layout->section, kind, layout->total, layout->total);

          pango_layout_set_text (number, short_total, -1);
        }
      g_autoptr (PangoLayout) caption = create_label (layout, C_("chart", "Total"), layout->inner_radius * 1.6, 0.8);
      double number_width, number_height, caption_width, caption_height;

      pango_layout_set_width (number, (int) (layout->inner_radius * 1.7 * PANGO_SCALE));
      pango_layout_set_ellipsize (number, PANGO_ELLIPSIZE_END);
      text_size (number, &number_width, &number_height);
      text_size (caption, &caption_width, &caption_height);
      append_text (snapshot, caption, layout->cx - caption_width / 2,
                   layout->cy - (number_height + caption_height) / 2, &dim);
      append_text (snapshot, number, layout->cx - number_width / 2,
                   layout->cy - (number_height + caption_height) / 2 + caption_height, &layout->fg);
    }

  /* The legend: name and share of each slice */
  for (guint i = 0; i < layout->slices->len; i++)
    {
      const Slice *slice = &g_array_index (layout->slices, Slice, i);
      const char *name = slice->row >= 0
        ? rapport_report_section_get_text (layout->section, slice->row, layout->label_column)
        : C_("chart", "Other");
      /* Translators: a slice's share of a pie chart */
      g_autofree char *share = g_strdup_printf (C_("chart", "%.0f%%"), 100 * slice->value / layout->total);
      g_autoptr (PangoLayout) share_text = create_text (layout, share, 0.85, FALSE);
      double y = layout->legend.origin.y + i * layout->legend_row_height;
      double share_width;
      GdkRGBA color;
      gboolean highlighted = slice->row >= 0 && slice->row == layout->highlight;

      text_size (share_text, &share_width, NULL);
      slice_color (layout, i, &color);
      if (highlighted)
        gtk_snapshot_append_color (snapshot, &(GdkRGBA) { layout->fg.red, layout->fg.green, layout->fg.blue, 0.08 },
                                   &GRAPHENE_RECT_INIT (layout->legend.origin.x - 4, y - 2,
                                                        layout->legend.size.width + 8, layout->legend_row_height));
      draw_legend_entry (snapshot, layout, layout->legend.origin.x, y,
                         layout->legend.size.width - share_width - PAD, &color, FALSE, name, NULL);
      append_text (snapshot, share_text,
                   layout->legend.origin.x + layout->legend.size.width - share_width, y, &dim);
    }
}

static void
chart_layout_draw (GtkSnapshot       *snapshot,
                   const ChartLayout *layout)
{
  if (layout->n_rows == 0 || layout->width <= 0 || layout->height <= 0)
    return;

  switch (layout->kind)
    {
    case RAPPORT_CHART_BAR:
    case RAPPORT_CHART_LINE:
      draw_cartesian (snapshot, layout);
      break;

    case RAPPORT_CHART_PIE:
    case RAPPORT_CHART_DONUT:
      draw_pie (snapshot, layout);
      break;

    case RAPPORT_CHART_NONE:
    case RAPPORT_CHART_MATRIX:
    default:
      break;
    }
}

/* The widget */

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
rapport_chart_get_layout (RapportChart *self,
                          ChartLayout  *layout)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GdkRGBA accent, fg;

  rapport_compat_get_accent_color (widget, &accent);
  rapport_compat_get_color (widget, &fg);
  chart_layout_init (layout, self->section, gtk_widget_get_pango_context (widget),
                     gtk_widget_get_width (widget), gtk_widget_get_height (widget),
                     is_dark (), &accent, &fg, self->highlight);
}

static void
set_highlight (RapportChart *self,
               int           row)
{
  if (self->highlight == row)
    return;
  self->highlight = row;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_accessible (RapportChart *self)
{
  g_autofree char *description = NULL;

  if (self->section == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  description = rapport_report_section_describe (self->section);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, rapport_report_section_get_title (self->section),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* "March: Revenue ¥12,400.00, Share 8%" for the tooltip. */
static char *
describe_row (RapportReportSection *section,
              guint                 row)
{
  GString *text = g_string_new (rapport_report_section_get_text (section, row,
                                                                 rapport_report_section_get_label_column (section)));
  guint n_series = rapport_report_section_get_n_series (section);

  for (guint i = 0; i < n_series; i++)
    {
      guint column = rapport_report_section_get_series_column (section, i);

      g_string_append_c (text, '\n');
      /* Translators: a series' name and its value in a chart's tooltip */
      g_string_append_printf (text, C_("chart tooltip", "%s: %s"),
                              rapport_report_section_get_series_name (section, i),
                              rapport_report_section_get_text (section, row, column));
    }
  return g_string_free (text, FALSE);
}

static void
activate_row (RapportChart *self,
              int           row)
{
  if (row < 0 || self->section == NULL || (guint) row >= rapport_report_section_get_n_rows (self->section))
    return;
  g_signal_emit (self, signals[CATEGORY_ACTIVATED], 0, (guint) row);
}

/* Callbacks */

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   RapportChart    *self)
{
  g_auto (ChartLayout) layout = { 0 };
  int row;

  if (self->section == NULL)
    return;

  rapport_chart_get_layout (self, &layout);
  row = chart_layout_hit (&layout, x, y);
  if (row < 0)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  set_highlight (self, row);
  activate_row (self, row);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           RapportChart             *self)
{
  g_auto (ChartLayout) layout = { 0 };

  if (self->section == NULL)
    return;

  rapport_chart_get_layout (self, &layout);
  set_highlight (self, chart_layout_hit (&layout, x, y));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          RapportChart             *self)
{
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    set_highlight (self, -1);
}

static void
focus_changed_cb (GtkEventControllerFocus *controller,
                  RapportChart            *self)
{
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    self->highlight = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                RapportChart          *self)
{
  g_auto (ChartLayout) layout = { 0 };
  g_autoptr (GArray) stops = NULL;
  int position = -1;

  if (self->section == NULL)
    return GDK_EVENT_PROPAGATE;

  rapport_chart_get_layout (self, &layout);
  stops = chart_layout_get_stops (&layout);
  if (stops->len == 0)
    return GDK_EVENT_PROPAGATE;

  for (guint i = 0; i < stops->len; i++)
    if (g_array_index (stops, int, i) == self->highlight)
      position = i;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      position = position < 0 ? 0 : MAX (position - 1, 0);
      break;

    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      position = position < 0 ? 0 : MIN (position + 1, (int) stops->len - 1);
      break;

    case GDK_KEY_Home:
      position = 0;
      break;

    case GDK_KEY_End:
      position = stops->len - 1;
      break;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
      activate_row (self, self->highlight);
      return self->highlight >= 0 ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;

    default:
      return GDK_EVENT_PROPAGATE;
    }

  set_highlight (self, g_array_index (stops, int, position));
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  {
    /* A screen reader says the category reached, as the tooltip shows it. */
    g_autofree char *text = describe_row (self->section, self->highlight);

    rapport_compat_announce (GTK_WIDGET (self), text);
  }
  return GDK_EVENT_STOP;
}

static gboolean
query_tooltip_cb (GtkWidget    *widget,
                  int           x,
                  int           y,
                  gboolean      keyboard_mode,
                  GtkTooltip   *tooltip,
                  RapportChart *self)
{
  g_autofree char *text = NULL;
  int row;

  if (self->section == NULL)
    return FALSE;

  if (keyboard_mode)
    {
      row = self->highlight;
    }
  else
    {
      g_auto (ChartLayout) layout = { 0 };

      rapport_chart_get_layout (self, &layout);
      row = chart_layout_hit (&layout, x, y);
    }

  if (row < 0 || (guint) row >= rapport_report_section_get_n_rows (self->section))
    return FALSE;

  text = describe_row (self->section, row);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
style_changed_cb (RapportChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* GtkWidget */

static void
rapport_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  RapportChart *self = RAPPORT_CHART (widget);
  g_auto (ChartLayout) layout = { 0 };

  if (self->section == NULL)
    return;

  rapport_chart_get_layout (self, &layout);
  chart_layout_draw (snapshot, &layout);

  /* libadwaita's focus ring, which a drawn widget does not get from CSS */
  if (gtk_widget_has_visible_focus (widget) && layout.n_rows > 0)
    {
      GskRoundedRect outline;
      GdkRGBA ring = layout.accent;
      const float widths[4] = { 2, 2, 2, 2 };

      ring.alpha = 0.5;
      gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (1, 1, layout.width - 2, layout.height - 2), 6);
      gtk_snapshot_append_border (snapshot, &outline, widths, (const GdkRGBA[4]) { ring, ring, ring, ring });
    }
}

static GtkSizeRequestMode
rapport_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
rapport_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  RapportChart *self = RAPPORT_CHART (widget);
  guint n_rows = self->section != NULL ? rapport_report_section_get_n_rows (self->section) : 0;
  RapportChartKind kind = self->section != NULL ? rapport_report_section_get_chart_kind (self->section)
                                                : RAPPORT_CHART_NONE;

  /* Labels never widen the chart: it takes the width it is given. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = n_rows > 0 ? 120 : 0;
      *natural = n_rows > 0 ? 360 : 0;
      return;
    }

  if (n_rows == 0 || kind == RAPPORT_CHART_NONE || kind == RAPPORT_CHART_MATRIX)
    {
      *minimum = *natural = 0;
      return;
    }

  *minimum = *natural = CHART_HEIGHT;
  /* At phone width a pie stands above its legend. */
  if ((kind == RAPPORT_CHART_PIE || kind == RAPPORT_CHART_DONUT) &&
      for_size >= 0 && for_size < PIE_SIDE_BY_SIDE_WIDTH)
    {
      g_auto (ChartLayout) layout = { 0 };
      GdkRGBA color = { 0, 0, 0, 1 };
      double diameter = MIN (for_size - 2 * PAD, 180);

      chart_layout_init (&layout, self->section, gtk_widget_get_pango_context (widget),
                         for_size, CHART_HEIGHT, FALSE, &color, &color, -1);
      if (layout.slices != NULL)
        *minimum = *natural = (int) ceil (diameter + 3 * PAD + layout.slices->len * layout.legend_row_height);
    }
}

static void
rapport_chart_dispose (GObject *object)
{
  RapportChart *self = RAPPORT_CHART (object);

  g_clear_object (&self->section);

  G_OBJECT_CLASS (rapport_chart_parent_class)->dispose (object);
}

static void
rapport_chart_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RapportChart *self = RAPPORT_CHART (object);

  switch (prop_id)
    {
    case PROP_SECTION:
      g_value_set_object (value, self->section);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_chart_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RapportChart *self = RAPPORT_CHART (object);

  switch (prop_id)
    {
    case PROP_SECTION:
      rapport_chart_set_section (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_chart_class_init (RapportChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_chart_dispose;
  object_class->get_property = rapport_chart_get_property;
  object_class->set_property = rapport_chart_set_property;

  widget_class->snapshot = rapport_chart_snapshot;
  widget_class->measure = rapport_chart_measure;
  widget_class->get_request_mode = rapport_chart_get_request_mode;

  properties[PROP_SECTION] =
    g_param_spec_object ("section", NULL, NULL,
                         RAPPORT_TYPE_REPORT_SECTION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportChart::category-activated:
   * @row: the section's row behind the bar or slice
   *
   * A bar or slice was clicked, or Enter pressed on the highlighted one.
   */
  signals[CATEGORY_ACTIVATED] =
    g_signal_new ("category-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rapport_chart_init (RapportChart *self)
{
  GtkEventController *controller;
  GtkGesture *click;

  self->highlight = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (focus_changed_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (focus_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  /* The palette follows the light and dark styles and the accent colour. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
#if ADW_CHECK_VERSION (1, 6, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_signal_connect_object (adw_style_manager_get_default (), "notify::accent-color-rgba",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  G_GNUC_END_IGNORE_DEPRECATIONS
#endif
}

/* Public API */

/**
 * rapport_chart_new:
 *
 * Returns: a chart showing nothing until it is given a section
 */
GtkWidget *
rapport_chart_new (void)
{
  return g_object_new (RAPPORT_TYPE_CHART, NULL);
}

/**
 * rapport_chart_get_section:
 *
 * Returns: (transfer none) (nullable): the section drawn
 */
RapportReportSection *
rapport_chart_get_section (RapportChart *self)
{
  g_return_val_if_fail (RAPPORT_IS_CHART (self), NULL);

  return self->section;
}

/**
 * rapport_chart_set_section:
 * @section: (nullable): the section to draw
 *
 * Draws @section's rows; with no rows the chart draws nothing and asks for
 * no height, and the caller shows the section's empty text.
 */
void
rapport_chart_set_section (RapportChart         *self,
                           RapportReportSection *section)
{
  g_return_if_fail (RAPPORT_IS_CHART (self));
  g_return_if_fail (section == NULL || RAPPORT_IS_REPORT_SECTION (section));

  if (!g_set_object (&self->section, section))
    return;

  self->highlight = -1;
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECTION]);
}

/**
 * rapport_chart_render:
 *
 * Draws @section as the widget would, without a widget, for exports.
 *
 * Returns: (transfer full) (nullable): the chart, or NULL when it has
 *   nothing to draw
 */
GskRenderNode *
rapport_chart_render (RapportReportSection *section,
                      PangoContext         *pango_context,
                      int                   width,
                      int                   height,
                      gboolean              dark,
                      const GdkRGBA        *accent)
{
  g_auto (ChartLayout) layout = { 0 };
  g_autoptr (GtkSnapshot) snapshot = NULL;
  GdkRGBA fg;
  GdkRGBA default_accent;

  g_return_val_if_fail (RAPPORT_IS_REPORT_SECTION (section), NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (pango_context), NULL);

  /* libadwaita's window_fg_color in either style */
  gdk_rgba_parse (&fg, dark ? "#ffffff" : "rgba(0,0,0,0.8)");
  gdk_rgba_parse (&default_accent, "#3584e4");
  chart_layout_init (&layout, section, pango_context, width, height, dark,
                     accent != NULL ? accent : &default_accent, &fg, -1);

  snapshot = gtk_snapshot_new ();
  chart_layout_draw (snapshot, &layout);
  return gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}
