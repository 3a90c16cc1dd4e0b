/* rapport-service-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-service-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-service-priority.h"

#include "rapport-service-ui.h"

#define MINUTE 60
#define HOUR   (60 * MINUTE)
#define DAY    (24 * HOUR)

/**
 * rapport_service_priority_badge_new:
 * @priority: 1–4
 *
 * Returns: (transfer floating): a label showing the priority as a pill
 */
GtkWidget *
rapport_service_priority_badge_new (gint priority)
{
  GtkWidget *badge = gtk_label_new (NULL);

  gtk_widget_add_css_class (badge, "rapport-badge");
  gtk_widget_add_css_class (badge, "rapport-priority");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  rapport_service_priority_badge_set (badge, priority);

  return badge;
}

void
rapport_service_priority_badge_set (GtkWidget *badge,
                                    gint       priority)
{
  g_autofree char *label = NULL;
  g_autofree char *accessible = NULL;

  g_return_if_fail (GTK_IS_LABEL (badge));

  for (gint p = RAPPORT_SERVICE_PRIORITY_HIGHEST; p <= RAPPORT_SERVICE_PRIORITY_LOWEST; p++)
    {
      g_autofree char *css = g_strdup_printf ("rapport-priority-%d", p);

      if (p == priority)
        gtk_widget_add_css_class (badge, css);
      else
        gtk_widget_remove_css_class (badge, css);
    }

  label = rapport_service_priority_get_label (priority);
  gtk_label_set_text (GTK_LABEL (badge), label);
  /* Translators: a service request's priority for a screen reader; %s is "P1" … "P4" */
  accessible = g_strdup_printf (_("Priority %s"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

/**
 * rapport_service_format_duration:
 * @seconds: a length of time, 0 or more
 *
 * Returns: (transfer full): "45 min", "3 h", "2 h 10 min" (under a day,
 *   minutes only under ten hours) or "3 days"
 */
char *
rapport_service_format_duration (gint64 seconds)
{
  gint64 minutes, hours, days;

  seconds = MAX (seconds, 0);
  if (seconds < HOUR)
    {
      minutes = MAX (1, (seconds + MINUTE / 2) / MINUTE);
      /* Translators: a length of time in minutes */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min", "%d min", minutes), (int) minutes);
    }

  if (seconds < 2 * DAY)
    {
      hours = seconds / HOUR;
      minutes = (seconds % HOUR) / MINUTE;
      if (hours < 10 && minutes > 0)
        /* Translators: a length of time in hours and minutes, "2 h 10 min" */
        return g_strdup_printf (_("%d h %d min"), (int) hours, (int) minutes);
      /* Translators: a length of time in hours */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d h", "%d h", hours), (int) hours);
    }

  days = (seconds + DAY / 2) / DAY;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", days), (int) days);
}

/**
 * rapport_service_format_due:
 * @request: a service request
 * @now: the clock's time
 * @out_overdue: (out) (optional): whether it is overdue
 *
 * Returns: (transfer full) (nullable): "Overdue by 3 h" or "Due in 5 h" for
 *   an open request, %NULL for one resolved or closed
 */
char *
rapport_service_format_due (RapportServiceRequest *request,
                            gint64                 now,
                            gboolean              *out_overdue)
{
  gint64 due_at;
  g_autofree char *span = NULL;
  gboolean overdue;

  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (request), NULL);

  if (out_overdue != NULL)
    *out_overdue = FALSE;

  if (!rapport_service_request_is_open (request))
    return NULL;

  due_at = rapport_service_request_get_due_at (request);
  overdue = rapport_service_request_is_overdue (request, now);
  span = rapport_service_format_duration (overdue ? now - due_at : due_at - now);
  if (out_overdue != NULL)
    *out_overdue = overdue;

  if (overdue)
    /* Translators: %s is a length of time, "3 h" */
    return g_strdup_printf (_("Overdue by %s"), span);

  /* Translators: %s is a length of time, "5 h" */
  return g_strdup_printf (_("Due in %s"), span);
}

/**
 * rapport_service_format_row_subtitle:
 * @request: a service request
 * @now: the clock's time
 * @with_customer: whether to name the customer (not on its own page)
 * @with_assignee: whether to name the assignee
 *
 * Returns: (transfer full): the parts joined with " · "
 */
char *
rapport_service_format_row_subtitle (RapportServiceRequest *request,
                                     gint64                 now,
                                     gboolean               with_customer,
                                     gboolean               with_assignee)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *due = NULL;
  const char *customer = rapport_service_request_get_customer_name (request);
  const char *assignee = rapport_service_request_get_assignee_name (request);

  g_return_val_if_fail (RAPPORT_IS_SERVICE_REQUEST (request), NULL);

  g_ptr_array_add (parts, g_strdup (rapport_service_kind_get_label (rapport_service_request_get_kind (request))));
  if (with_customer && customer != NULL)
    g_ptr_array_add (parts, g_strdup (customer));
  if (with_assignee)
    g_ptr_array_add (parts, g_strdup (assignee != NULL ? assignee : _("Unassigned")));
  g_ptr_array_add (parts, g_strdup (rapport_service_status_get_label (rapport_service_request_get_status (request))));
  due = rapport_service_format_due (request, now, NULL);
  if (due != NULL)
    g_ptr_array_add (parts, g_steal_pointer (&due));
  g_ptr_array_add (parts, NULL);

  /* Translators: what separates the parts of a line ("Complaint · New") */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}
