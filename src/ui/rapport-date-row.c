/* rapport-date-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-date-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-date.h"

#include "rapport-date-row.h"

struct _RapportDateRow
{
  AdwEntryRow    parent_instance;

  /* Template widgets */
  GtkMenuButton *button;
  GtkPopover    *popover;
  GtkCalendar   *calendar;

  gboolean       syncing;
};

G_DEFINE_FINAL_TYPE (RapportDateRow, rapport_date_row, ADW_TYPE_ENTRY_ROW)

/* Callbacks */

static void
popover_shown_cb (RapportDateRow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self))));
  g_autoptr (GDateTime) date = NULL;

  /* The calendar opens on the date typed; on anything else it stays where
   * it was (today, the first time). */
  if (rapport_date_validate (text, NULL))
    {
      gint64 midnight = rapport_date_to_unix_local (text);

      date = g_date_time_new_from_unix_local (midnight);
    }

  if (date != NULL)
    {
      self->syncing = TRUE;
      gtk_calendar_select_day (self->calendar, date);
      self->syncing = FALSE;
    }

  gtk_widget_grab_focus (GTK_WIDGET (self->calendar));
}

static void
day_selected_cb (RapportDateRow *self)
{
  g_autoptr (GDateTime) date = NULL;
  g_autofree char *text = NULL;

  if (self->syncing)
    return;

  /* A day clicked, or chosen with Space: month and year buttons and the
   * arrow keys only move around the calendar. */
  date = gtk_calendar_get_date (self->calendar);
  text = g_date_time_format (date, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self), text);
  gtk_editable_set_position (GTK_EDITABLE (self), -1);

  gtk_popover_popdown (self->popover);
}

/* GObject */

static void
rapport_date_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RAPPORT_TYPE_DATE_ROW);

  G_OBJECT_CLASS (rapport_date_row_parent_class)->dispose (object);
}

static void
rapport_date_row_class_init (RapportDateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_date_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-date-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportDateRow, button);
  gtk_widget_class_bind_template_child (widget_class, RapportDateRow, popover);
  gtk_widget_class_bind_template_child (widget_class, RapportDateRow, calendar);
  gtk_widget_class_bind_template_callback (widget_class, popover_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
}

static void
rapport_date_row_init (RapportDateRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * rapport_date_row_new:
 *
 * Returns: (transfer floating): a new, empty date row
 */
GtkWidget *
rapport_date_row_new (void)
{
  return g_object_new (RAPPORT_TYPE_DATE_ROW, NULL);
}
