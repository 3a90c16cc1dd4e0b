/* rapport-follow-up-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-follow-up-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-follow-up-row.h"

struct _RapportFollowUpRow
{
  GtkListBoxRow           parent_instance;

  /* Template widgets */
  GtkWidget              *done_button;
  GtkLabel               *title_label;
  GtkLabel               *due_label;
  GtkLabel               *customer_label;
  GtkWidget              *repeat_image;
  GtkWidget              *reminder_image;
  GtkMenuButton          *menu_button;

  /* Owned */
  RapportFollowUpActions *actions;
  RapportFollowUp        *follow_up;
  gboolean                show_customer;
};

G_DEFINE_FINAL_TYPE (RapportFollowUpRow, rapport_follow_up_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_ACTIONS,
  PROP_FOLLOW_UP,
  PROP_SHOW_CUSTOMER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
set_accessible_label (GtkWidget  *widget,
                      const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
build_menu (RapportFollowUpRow *self)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenu) snooze = g_menu_new ();
  g_autoptr (GMenu) section = g_menu_new ();

  for (guint i = 0; i < RAPPORT_N_SNOOZES; i++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (rapport_snooze_get_label (i), NULL);

      g_menu_item_set_action_and_target_value (item, "follow-up.snooze", g_variant_new_int32 (i));
      g_menu_append_item (snooze, item);
    }
  g_menu_append (snooze, _("_Pick a Time…"), "follow-up.snooze-pick");
  g_menu_append_submenu (menu, _("_Snooze"), G_MENU_MODEL (snooze));
  g_menu_append (menu, _("_Reschedule or Edit…"), "follow-up.edit");

  g_menu_append (section, _("Done and _Log Interaction…"), "follow-up.done-and-log");
  if (self->show_customer)
    g_menu_append (section, _("Open _Customer"), "follow-up.open-customer");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  g_clear_object (&section);
  section = g_menu_new ();
  g_menu_append (section, _("_Move to Trash"), "follow-up.trash");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  gtk_menu_button_set_menu_model (self->menu_button, G_MENU_MODEL (menu));
}

static gint64
get_now (RapportFollowUpRow *self)
{
  RapportSession *session = self->actions != NULL ? rapport_follow_up_actions_get_session (self->actions) : NULL;

  return rapport_clock_now (session != NULL ? rapport_session_get_clock (session) : rapport_clock_get_default ());
}

/* A book opened read-only shows its follow-ups, and changes none. */
static void
update_actions (RapportFollowUpRow *self)
{
  RapportSession *session = self->actions != NULL ? rapport_follow_up_actions_get_session (self->actions) : NULL;
  RapportDatabase *db = session != NULL ? rapport_session_get_database (session) : NULL;
  gboolean writable = db != NULL && !rapport_database_is_read_only (db);
  const char *names[] = {
    "follow-up.done", "follow-up.snooze", "follow-up.snooze-pick", "follow-up.edit",
    "follow-up.done-and-log", "follow-up.trash",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), names[i], writable);
}

static void
update (RapportFollowUpRow *self)
{
  RapportFollowUp *f = self->follow_up;
  const char *title = f != NULL ? rapport_follow_up_get_title (f) : NULL;
  const char *customer = f != NULL ? rapport_follow_up_get_customer_name (f) : NULL;
  g_autofree char *done_label = NULL;
  g_autofree char *menu_label = NULL;
  g_autofree char *reminder = NULL;
  g_autofree char *repeat = NULL;

  gtk_label_set_text (self->title_label, title != NULL ? title : "");
  gtk_label_set_text (self->customer_label, customer != NULL ? customer : "");
  gtk_widget_set_visible (GTK_WIDGET (self->customer_label),
                          self->show_customer && customer != NULL && *customer != '\0');

  rapport_follow_up_row_update_due (self);
  update_actions (self);

  reminder = f != NULL ? rapport_follow_up_describe_reminder (rapport_follow_up_get_remind_before (f)) : NULL;
  gtk_widget_set_visible (self->reminder_image, reminder != NULL);
  gtk_widget_set_tooltip_text (self->reminder_image, reminder);
  if (reminder != NULL)
    set_accessible_label (self->reminder_image, reminder);

  repeat = f != NULL ? rapport_follow_up_describe_repeat (rapport_follow_up_get_repeat_unit (f),
                                                          rapport_follow_up_get_repeat_every (f)) : NULL;
  gtk_widget_set_visible (self->repeat_image, repeat != NULL);
  gtk_widget_set_tooltip_text (self->repeat_image, repeat);
  if (repeat != NULL)
    set_accessible_label (self->repeat_image, repeat);

  /* Translators: what a button does for a screen reader; %s is a follow-up's title */
  done_label = g_strdup_printf (_("Mark “%s” Done"), title != NULL ? title : "");
  set_accessible_label (self->done_button, done_label);
  /* Translators: a menu button for a screen reader; %s is a follow-up's title */
  menu_label = g_strdup_printf (_("More for “%s”"), title != NULL ? title : "");
  set_accessible_label (GTK_WIDGET (self->menu_button), menu_label);
}

/* Actions */

static void
done_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RapportFollowUpRow *self = RAPPORT_FOLLOW_UP_ROW (widget);

  if (self->actions != NULL && self->follow_up != NULL)
    rapport_follow_up_actions_complete (self->actions, self->follow_up, widget);
}

static void
snooze_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RapportFollowUpRow *self = RAPPORT_FOLLOW_UP_ROW (widget);
  int snooze = g_variant_get_int32 (parameter);

  if (self->actions != NULL && self->follow_up != NULL && snooze >= 0 && snooze < RAPPORT_N_SNOOZES)
    rapport_follow_up_actions_snooze (self->actions, self->follow_up, snooze, widget);
}

static void
snooze_pick_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RapportFollowUpRow *self = RAPPORT_FOLLOW_UP_ROW (widget);

  if (self->actions != NULL && self->follow_up != NULL)
    rapport_follow_up_actions_snooze_pick (self->actions, self->follow_up, widget);
}

static void
edit_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RapportFollowUpRow *self = RAPPORT_FOLLOW_UP_ROW (widget);

  if (self->actions != NULL && self->follow_up != NULL)
    rapport_follow_up_actions_edit (self->actions, self->follow_up, widget);
}

static void
done_and_log_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RapportFollowUpRow *self = RAPPORT_FOLLOW_UP_ROW (widget);

  if (self->actions != NULL && self->follow_up != NULL)
    rapport_follow_up_actions_complete_and_log (self->actions, self->follow_up, widget);
}

static void
open_customer_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RapportFollowUpRow *self = RAPPORT_FOLLOW_UP_ROW (widget);

  if (self->actions != NULL && self->follow_up != NULL)
    rapport_follow_up_actions_open_customer (self->actions, self->follow_up);
}

static void
trash_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RapportFollowUpRow *self = RAPPORT_FOLLOW_UP_ROW (widget);

  if (self->actions != NULL && self->follow_up != NULL)
    rapport_follow_up_actions_trash (self->actions, self->follow_up, widget);
}

/* GObject */

static void
rapport_follow_up_row_dispose (GObject *object)
{
  RapportFollowUpRow *self = RAPPORT_FOLLOW_UP_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_FOLLOW_UP_ROW);
  g_clear_object (&self->actions);
  g_clear_object (&self->follow_up);

  G_OBJECT_CLASS (rapport_follow_up_row_parent_class)->dispose (object);
}

static void
rapport_follow_up_row_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RapportFollowUpRow *self = RAPPORT_FOLLOW_UP_ROW (object);

  switch (prop_id)
    {
    case PROP_ACTIONS:
      g_value_set_object (value, self->actions);
      break;

    case PROP_FOLLOW_UP:
      g_value_set_object (value, self->follow_up);
      break;

    case PROP_SHOW_CUSTOMER:
      g_value_set_boolean (value, self->show_customer);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_follow_up_row_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RapportFollowUpRow *self = RAPPORT_FOLLOW_UP_ROW (object);

  switch (prop_id)
    {
    case PROP_ACTIONS:
      self->actions = g_value_dup_object (value);
      break;

    case PROP_FOLLOW_UP:
      rapport_follow_up_row_set_follow_up (self, g_value_get_object (value));
      break;

    case PROP_SHOW_CUSTOMER:
      rapport_follow_up_row_set_show_customer (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_follow_up_row_class_init (RapportFollowUpRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_follow_up_row_dispose;
  object_class->get_property = rapport_follow_up_row_get_property;
  object_class->set_property = rapport_follow_up_row_set_property;

  properties[PROP_ACTIONS] =
    g_param_spec_object ("actions", NULL, NULL,
                         RAPPORT_TYPE_FOLLOW_UP_ACTIONS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLLOW_UP] =
    g_param_spec_object ("follow-up", NULL, NULL,
                         RAPPORT_TYPE_FOLLOW_UP,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_CUSTOMER] =
    g_param_spec_boolean ("show-customer", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-follow-up-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportFollowUpRow, done_button);
  gtk_widget_class_bind_template_child (widget_class, RapportFollowUpRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, RapportFollowUpRow, due_label);
  gtk_widget_class_bind_template_child (widget_class, RapportFollowUpRow, customer_label);
  gtk_widget_class_bind_template_child (widget_class, RapportFollowUpRow, repeat_image);
  gtk_widget_class_bind_template_child (widget_class, RapportFollowUpRow, reminder_image);
  gtk_widget_class_bind_template_child (widget_class, RapportFollowUpRow, menu_button);

  gtk_widget_class_install_action (widget_class, "follow-up.done", NULL, done_activated);
  gtk_widget_class_install_action (widget_class, "follow-up.snooze", "i", snooze_activated);
  gtk_widget_class_install_action (widget_class, "follow-up.snooze-pick", NULL, snooze_pick_activated);
  gtk_widget_class_install_action (widget_class, "follow-up.edit", NULL, edit_activated);
  gtk_widget_class_install_action (widget_class, "follow-up.done-and-log", NULL, done_and_log_activated);
  gtk_widget_class_install_action (widget_class, "follow-up.open-customer", NULL, open_customer_activated);
  gtk_widget_class_install_action (widget_class, "follow-up.trash", NULL, trash_activated);
}

static void
rapport_follow_up_row_init (RapportFollowUpRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->show_customer = TRUE;
  build_menu (self);
}

/* Public API */

/**
 * rapport_follow_up_row_new:
 * @actions: what the row's buttons and menu do
 * @follow_up: (nullable): the follow-up shown
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
rapport_follow_up_row_new (RapportFollowUpActions *actions,
                           RapportFollowUp        *follow_up)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP_ACTIONS (actions), NULL);
  g_return_val_if_fail (follow_up == NULL || RAPPORT_IS_FOLLOW_UP (follow_up), NULL);

  return g_object_new (RAPPORT_TYPE_FOLLOW_UP_ROW,
                       "actions", actions,
                       "follow-up", follow_up,
                       NULL);
}

/**
 * rapport_follow_up_row_get_follow_up:
 * @self: a #RapportFollowUpRow
 *
 * Returns: (transfer none) (nullable): the follow-up shown
 */
RapportFollowUp *
rapport_follow_up_row_get_follow_up (RapportFollowUpRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP_ROW (self), NULL);

  return self->follow_up;
}

void
rapport_follow_up_row_set_follow_up (RapportFollowUpRow *self,
                                     RapportFollowUp    *follow_up)
{
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP_ROW (self));
  g_return_if_fail (follow_up == NULL || RAPPORT_IS_FOLLOW_UP (follow_up));

  if (!g_set_object (&self->follow_up, follow_up))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_UP]);
}

gboolean
rapport_follow_up_row_get_show_customer (RapportFollowUpRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_FOLLOW_UP_ROW (self), FALSE);

  return self->show_customer;
}

void
rapport_follow_up_row_set_show_customer (RapportFollowUpRow *self,
                                         gboolean            show_customer)
{
  g_return_if_fail (RAPPORT_IS_FOLLOW_UP_ROW (self));

  show_customer = !!show_customer;
  if (self->show_customer == show_customer)
    return;

  self->show_customer = show_customer;
  build_menu (self);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_CUSTOMER]);
}

void
rapport_follow_up_row_update_due (RapportFollowUpRow *self)
{
  g_autofree char *due = NULL;
  g_autofree char *text = NULL;
  gboolean overdue = FALSE;

  g_return_if_fail (RAPPORT_IS_FOLLOW_UP_ROW (self));

  if (self->follow_up == NULL)
    {
      gtk_label_set_text (self->due_label, "");
      return;
    }

  due = rapport_follow_up_format_due (rapport_follow_up_get_due_at (self->follow_up), get_now (self), &overdue);
  if (overdue)
    /* Translators: a follow-up past its due time; %s is when it was due ("Yesterday 14:00") */
    text = g_strdup_printf (_("Overdue · %s"), due);
  else
    /* Translators: when a follow-up is due; %s is "14:00", "Tomorrow 09:00"… */
    text = g_strdup_printf (_("Due %s"), due);

  gtk_label_set_text (self->due_label, text);
  /* The word says it; the colour repeats it. */
  if (overdue)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "rapport-overdue");
      gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "rapport-overdue");
      gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "dim-label");
    }
}

/**
 * rapport_follow_up_format_due:
 * @due_at: a UTC time
 * @now: the current time, from the clock
 * @out_overdue: (out) (optional): whether @due_at is past
 *
 * Returns: (transfer full): when @due_at is in the local zone, in the user's
 *   words: the time alone today, "Yesterday" or "Tomorrow" and the time,
 *   the weekday and the time within a week, else the date and the time
 */
char *
rapport_follow_up_format_due (gint64    due_at,
                              gint64    now,
                              gboolean *out_overdue)
{
  g_autoptr (GDateTime) due = g_date_time_new_from_unix_local (due_at);
  g_autoptr (GDateTime) today = g_date_time_new_from_unix_local (now);
  g_autofree char *time = NULL;
  GDate due_day, current;
  int days;

  if (out_overdue != NULL)
    *out_overdue = due_at < now;

  if (due == NULL || today == NULL)
    return g_strdup ("");

  g_date_clear (&due_day, 1);
  g_date_clear (&current, 1);
  g_date_set_dmy (&due_day, g_date_time_get_day_of_month (due), g_date_time_get_month (due),
                  g_date_time_get_year (due));
  g_date_set_dmy (&current, g_date_time_get_day_of_month (today), g_date_time_get_month (today),
                  g_date_time_get_year (today));
  days = g_date_days_between (&current, &due_day);
  time = g_date_time_format (due, "%H:%M");

  if (days == 0)
    return g_steal_pointer (&time);
  if (days == 1)
    /* Translators: when a follow-up is due; %s is a time ("09:00") */
    return g_strdup_printf (_("Tomorrow %s"), time);
  if (days == -1)
    /* Translators: when a follow-up was due; %s is a time ("09:00") */
    return g_strdup_printf (_("Yesterday %s"), time);
  if (days > 1 && days < 7)
    /* Translators: a weekday and a time, see g_date_time_format() */
    return g_date_time_format (due, _("%A %H:%M"));

  /* Translators: a date and time, see g_date_time_format() */
  return g_date_time_format (due, _("%Y-%m-%d %H:%M"));
}

/**
 * rapport_follow_up_due_next_change:
 * @due_at: a UTC time
 * @now: the current time, from the clock
 *
 * Returns: the UTC time after @now when the words for @due_at change
 */
gint64
rapport_follow_up_due_next_change (gint64 due_at,
                                   gint64 now)
{
  g_autoptr (GDateTime) today = g_date_time_new_from_unix_local (now);
  g_autoptr (GDateTime) midnight = NULL;
  g_autoptr (GDateTime) next_midnight = NULL;
  gint64 next;

  if (today == NULL)
    return now + 24 * 60 * 60;

  midnight = g_date_time_new_local (g_date_time_get_year (today), g_date_time_get_month (today),
                                    g_date_time_get_day_of_month (today), 0, 0, 0);
  next_midnight = g_date_time_add_days (midnight, 1);
  next = g_date_time_to_unix (next_midnight);

  return due_at > now ? MIN (due_at, next) : next;
}

/**
 * rapport_follow_up_describe_reminder:
 * @remind_before: minutes before the due time, or %RAPPORT_FOLLOW_UP_NO_REMINDER
 *
 * Returns: (transfer full) (nullable): the reminder in words, %NULL without one
 */
char *
rapport_follow_up_describe_reminder (int remind_before)
{
  if (remind_before < 0)
    return NULL;
  if (remind_before == 0)
    return g_strdup (_("Reminder at due time"));
  if (remind_before % (24 * 60) == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reminder %d day before", "Reminder %d days before",
                                         remind_before / (24 * 60)),
                            remind_before / (24 * 60));
  if (remind_before % 60 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reminder %d hour before", "Reminder %d hours before",
                                         remind_before / 60),
                            remind_before / 60);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reminder %d minute before", "Reminder %d minutes before",
                                       remind_before),
                          remind_before);
}

/**
 * rapport_follow_up_describe_repeat:
 * @unit: how it repeats
 * @every: every how many @unit
 *
 * Returns: (transfer full) (nullable): the recurrence in words, %NULL when it
 *   does not repeat
 */
char *
rapport_follow_up_describe_repeat (RapportRepeatUnit unit,
                                   guint             every)
{
  switch (unit)
    {
    case RAPPORT_REPEAT_DAYS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Repeats every %u day", "Repeats every %u days", every),
                              every);
    case RAPPORT_REPEAT_WEEKS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Repeats every %u week", "Repeats every %u weeks", every),
                              every);
    case RAPPORT_REPEAT_MONTHS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Repeats every %u month", "Repeats every %u months",
                                           every),
                              every);
    case RAPPORT_REPEAT_NONE:
    default:
      return NULL;
    }
}
