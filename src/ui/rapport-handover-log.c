/* rapport-handover-log.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-handover-log"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-handover-log.h"
#include "rapport-store.h"

/* The latest handovers shown; the rest are in the handover history. */
#define MAX_LINES 3

struct _RapportHandoverLog
{
  GtkBox parent_instance;
};

G_DEFINE_FINAL_TYPE (RapportHandoverLog, rapport_handover_log, GTK_TYPE_BOX)

static char *
format_line (const RapportHandoverLogEntry *entry)
{
  g_autoptr (GDateTime) when = g_date_time_new_from_unix_local (entry->created_at);
  /* Translators: the date of a handover in a customer's log, see g_date_time_format() */
  g_autofree char *date = when != NULL ? g_date_time_format (when, C_("handover date", "%-d %b %Y")) : g_strdup ("");

  if (entry->undone_at != 0)
    /* Translators: a customer's handover log; from, to, date */
    return g_strdup_printf (_("Handed over from %s to %s, %s (undone)"), entry->from_name, entry->to_name, date);

  /* Translators: a customer's handover log; from, to, date */
  return g_strdup_printf (_("Handed over from %s to %s, %s"), entry->from_name, entry->to_name, date);
}

static void
rapport_handover_log_class_init (RapportHandoverLogClass *klass)
{
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "rapport-handover-log");
}

static void
rapport_handover_log_init (RapportHandoverLog *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
rapport_handover_log_new (void)
{
  return g_object_new (RAPPORT_TYPE_HANDOVER_LOG, NULL);
}

void
rapport_handover_log_show (RapportHandoverLog *self,
                           RapportDatabase    *db,
                           gint64              customer_id)
{
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *child;

  g_return_if_fail (RAPPORT_IS_HANDOVER_LOG (self));
  g_return_if_fail (RAPPORT_IS_DATABASE (db));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_box_remove (GTK_BOX (self), child);

  entries = rapport_store_list_customer_handovers (db, customer_id, &error);
  if (entries == NULL)
    g_debug ("No handover log to show: %s", error->message);

  for (guint i = 0; entries != NULL && i < MIN (entries->len, MAX_LINES); i++)
    {
      g_autofree char *text = format_line (g_ptr_array_index (entries, i));
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (self), label);
    }

  gtk_widget_set_visible (GTK_WIDGET (self), entries != NULL && entries->len > 0);
}
