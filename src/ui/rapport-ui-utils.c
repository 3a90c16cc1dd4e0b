/* rapport-ui-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-ui-utils"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-entity.h"
#include "rapport-ui-utils.h"

/**
 * rapport_widget_add_toast:
 * @widget: a widget inside a window that has an #AdwToastOverlay
 * @toast: (transfer full): the toast
 *
 * Shows @toast in the nearest toast overlay: @widget's own window, or, for a
 * dialog, the window it is transient for. Without one the toast is dropped.
 */
void
rapport_widget_add_toast (GtkWidget *widget,
                          AdwToast  *toast)
{
  g_autoptr (AdwToast) owned = toast;
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (widget);
      GtkWindow *parent = GTK_IS_WINDOW (root) ? gtk_window_get_transient_for (GTK_WINDOW (root)) : NULL;

      if (parent != NULL)
        {
          GtkWidget *child;

          /* An Adw window's child is its own box; the app's is the content. */
          if (ADW_IS_APPLICATION_WINDOW (parent))
            child = adw_application_window_get_content (ADW_APPLICATION_WINDOW (parent));
          else if (ADW_IS_WINDOW (parent))
            child = adw_window_get_content (ADW_WINDOW (parent));
          else
            child = gtk_window_get_child (parent);

          if (ADW_IS_TOAST_OVERLAY (child))
            overlay = child;
          else if (child != NULL)
            overlay = gtk_widget_get_ancestor (child, ADW_TYPE_TOAST_OVERLAY);
        }
    }

  if (overlay == NULL)
    return;

  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_steal_pointer (&owned));
}

/**
 * rapport_format_date_time:
 * @unix_seconds: a UTC time
 *
 * Returns: (transfer full): the time in the local zone, as the locale writes it
 */
char *
rapport_format_date_time (gint64 unix_seconds)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_local (unix_seconds);

  if (dt == NULL)
    return g_strdup ("");

  /* Translators: a date and time, see g_date_time_format() */
  return g_date_time_format (dt, _("%Y-%m-%d %H:%M"));
}

/**
 * rapport_format_day_heading:
 * @unix_seconds: a UTC time
 * @now: the current time, from the clock
 *
 * Returns: (transfer full): "Today", "Yesterday" or the local date, for
 *   grouping a timeline by day
 */
char *
rapport_format_day_heading (gint64 unix_seconds,
                            gint64 now)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_local (unix_seconds);
  g_autoptr (GDateTime) today = g_date_time_new_from_unix_local (now);
  GDate day, current;
  int days;

  if (dt == NULL || today == NULL)
    return g_strdup ("");

  g_date_clear (&day, 1);
  g_date_clear (&current, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
  g_date_set_dmy (&current, g_date_time_get_day_of_month (today), g_date_time_get_month (today),
                  g_date_time_get_year (today));
  days = g_date_days_between (&day, &current);

  if (days == 0)
    return g_strdup (_("Today"));
  if (days == 1)
    return g_strdup (_("Yesterday"));

  /* Translators: a day heading in the timeline, see g_date_time_format() */
  return g_date_time_format (dt, _("%A, %Y-%m-%d"));
}

/**
 * rapport_list_store_sync:
 * @store: what a view shows
 * @fresh: the same list as read again (items of the same type)
 *
 * Brings @store to @fresh with one splice over the span that differs, keeping
 * the objects in place before and after it (compared with
 * rapport_entity_equal()): rows bound to them stay, with their focus and the
 * scroll position, when one item comes, goes or changes.
 */
void
rapport_list_store_sync (GListStore *store,
                         GListModel *fresh)
{
  guint old_len, new_len;
  guint prefix = 0;
  guint suffix = 0;
  g_autoptr (GPtrArray) added = NULL;

  g_return_if_fail (G_IS_LIST_STORE (store));
  g_return_if_fail (G_IS_LIST_MODEL (fresh));

  old_len = g_list_model_get_n_items (G_LIST_MODEL (store));
  new_len = g_list_model_get_n_items (fresh);

  while (prefix < old_len && prefix < new_len)
    {
      g_autoptr (GObject) a = g_list_model_get_item (G_LIST_MODEL (store), prefix);
      g_autoptr (GObject) b = g_list_model_get_item (fresh, prefix);

      if (!rapport_entity_equal (a, b))
        break;
      prefix++;
    }

  while (suffix < old_len - prefix && suffix < new_len - prefix)
    {
      g_autoptr (GObject) a = g_list_model_get_item (G_LIST_MODEL (store), old_len - 1 - suffix);
      g_autoptr (GObject) b = g_list_model_get_item (fresh, new_len - 1 - suffix);

      if (!rapport_entity_equal (a, b))
        break;
      suffix++;
    }

  if (prefix == old_len && prefix == new_len)
    return;

  added = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = prefix; i < new_len - suffix; i++)
    g_ptr_array_add (added, g_list_model_get_item (fresh, i));

  g_list_store_splice (store, prefix, old_len - prefix - suffix, added->pdata, added->len);
}
