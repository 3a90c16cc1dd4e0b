/* rapport-time-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-time-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-time-row.h"

struct _RapportTimeRow
{
  AdwEntryRow    parent_instance;

  /* Template widgets */
  GtkMenuButton *button;
  GtkPopover    *popover;
  GtkSpinButton *hour_spin;
  GtkSpinButton *minute_spin;

  gboolean       syncing;
};

G_DEFINE_FINAL_TYPE (RapportTimeRow, rapport_time_row, ADW_TYPE_ENTRY_ROW)

/* "14:30", "9:05" → hour and minute; anything else FALSE. */
static gboolean
parse_time (const char *text,
            guint      *hour,
            guint      *minute)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_auto (GStrv) parts = g_strsplit (trimmed, ":", -1);
  guint64 h, m;

  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, 23, &h, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, 59, &m, NULL))
    return FALSE;

  *hour = (guint) h;
  *minute = (guint) m;
  return TRUE;
}

/* Callbacks */

static void
popover_shown_cb (RapportTimeRow *self)
{
  guint hour, minute;

  /* The spin buttons open on the time typed; on anything else they stay. */
  if (parse_time (gtk_editable_get_text (GTK_EDITABLE (self)), &hour, &minute))
    {
      self->syncing = TRUE;
      gtk_spin_button_set_value (self->hour_spin, hour);
      gtk_spin_button_set_value (self->minute_spin, minute);
      self->syncing = FALSE;
    }

  gtk_widget_grab_focus (GTK_WIDGET (self->hour_spin));
}

static gboolean
spin_output_cb (GtkSpinButton *spin,
                gpointer       user_data)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  /* "09", as the time is written in the entry. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static void
time_changed_cb (RapportTimeRow *self)
{
  g_autofree char *text = NULL;

  if (self->syncing)
    return;

  text = g_strdup_printf ("%02d:%02d",
                          gtk_spin_button_get_value_as_int (self->hour_spin),
                          gtk_spin_button_get_value_as_int (self->minute_spin));
  gtk_editable_set_text (GTK_EDITABLE (self), text);
  gtk_editable_set_position (GTK_EDITABLE (self), -1);
}

/* GObject */

static void
rapport_time_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RAPPORT_TYPE_TIME_ROW);

  G_OBJECT_CLASS (rapport_time_row_parent_class)->dispose (object);
}

static void
rapport_time_row_class_init (RapportTimeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_time_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-time-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportTimeRow, button);
  gtk_widget_class_bind_template_child (widget_class, RapportTimeRow, popover);
  gtk_widget_class_bind_template_child (widget_class, RapportTimeRow, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportTimeRow, minute_spin);
  gtk_widget_class_bind_template_callback (widget_class, popover_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, spin_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_changed_cb);
}

static void
rapport_time_row_init (RapportTimeRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * rapport_time_row_new:
 *
 * Returns: (transfer floating): a new, empty time row
 */
GtkWidget *
rapport_time_row_new (void)
{
  return g_object_new (RAPPORT_TYPE_TIME_ROW, NULL);
}
