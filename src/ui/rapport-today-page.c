/* rapport-today-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-today-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-follow-up-actions.h"
#include "rapport-follow-up-row.h"
#include "rapport-staff-filter.h"
#include "rapport-store.h"
#include "rapport-today-page.h"
#include "rapport-wall-timer.h"

#define N_SHOWN_BUCKETS (RAPPORT_DUE_BUCKET_UPCOMING + 1)

struct _RapportTodayPage
{
  AdwBin                  parent_instance;

  /* template widgets */
  AdwHeaderBar           *header_bar;
  GtkButton              *back_button;
  AdwWindowTitle         *window_title;
  GtkStack               *stack;
  AdwPreferencesGroup    *overdue_group;
  AdwPreferencesGroup    *today_group;
  AdwPreferencesGroup    *upcoming_group;
  GtkListBox             *overdue_list;
  GtkListBox             *today_list;
  GtkListBox             *upcoming_list;

  /* borrowed: the session's */
  RapportDatabase        *db;

  /* owned */
  RapportSession         *session;
  RapportFollowUpActions *actions;
  GSignalGroup           *bus_signals;
  GHashTable             *rows;           /* follow-up id → RapportFollowUpRow (borrowed) */
  GtkWidget              *assignee_filter; /* in the header bar, with the session */
  guint                   counts[N_SHOWN_BUCKETS];   /* everyone's: the sidebar's count */
  guint                   shown[N_SHOWN_BUCKETS];    /* those of the assignee shown */
  gint64                  next_rollover;  /* by the session's clock */
  guint                   refresh_id;
  guint                   rollover_timer_id;
};

G_DEFINE_FINAL_TYPE (RapportTodayPage, rapport_today_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_N_DUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_OPEN_CUSTOMER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void arm_rollover_timer (RapportTodayPage *self);

/* Helpers */

static GtkListBox *
list_for_bucket (RapportTodayPage *self,
                 RapportDueBucket  bucket)
{
  switch (bucket)
    {
    case RAPPORT_DUE_BUCKET_OVERDUE:
      return self->overdue_list;
    case RAPPORT_DUE_BUCKET_TODAY:
      return self->today_list;
    case RAPPORT_DUE_BUCKET_UPCOMING:
      return self->upcoming_list;
    case RAPPORT_DUE_BUCKET_LATER:
    default:
      return NULL;
    }
}

static int
compare_rows (GtkListBoxRow *a,
              GtkListBoxRow *b,
              gpointer       user_data)
{
  RapportFollowUp *fa = rapport_follow_up_row_get_follow_up (RAPPORT_FOLLOW_UP_ROW (a));
  RapportFollowUp *fb = rapport_follow_up_row_get_follow_up (RAPPORT_FOLLOW_UP_ROW (b));
  gint64 da = rapport_follow_up_get_due_at (fa);
  gint64 db = rapport_follow_up_get_due_at (fb);
  gint64 ia = rapport_follow_up_get_id (fa);
  gint64 ib = rapport_follow_up_get_id (fb);

  if (da != db)
    return da < db ? -1 : 1;
  return ia < ib ? -1 : ia > ib;
}

/* Whether what a row shows of @old would change for @fresh. */
static gboolean
follow_up_shown_differs (RapportFollowUp *old,
                         RapportFollowUp *fresh)
{
  return rapport_follow_up_get_revision (old) != rapport_follow_up_get_revision (fresh) ||
         rapport_follow_up_get_due_at (old) != rapport_follow_up_get_due_at (fresh) ||
         rapport_follow_up_get_snoozed_until (old) != rapport_follow_up_get_snoozed_until (fresh) ||
         rapport_follow_up_get_remind_at (old) != rapport_follow_up_get_remind_at (fresh) ||
         g_strcmp0 (rapport_follow_up_get_title (old), rapport_follow_up_get_title (fresh)) != 0 ||
         g_strcmp0 (rapport_follow_up_get_customer_name (old), rapport_follow_up_get_customer_name (fresh)) != 0;
}

/* The row after @row in its list, else the one before: where the focus goes
 * when @row leaves. */
static GtkWidget *
neighbour_row (GtkWidget *row)
{
  GtkWidget *next = gtk_widget_get_next_sibling (row);

  return next != NULL ? next : gtk_widget_get_prev_sibling (row);
}

static void
remove_row (RapportTodayPage *self,
            GtkWidget        *row)
{
  GtkWidget *list = gtk_widget_get_parent (row);
  gboolean had_focus = gtk_widget_has_focus (row) || gtk_widget_get_focus_child (row) != NULL;

  if (had_focus)
    {
      GtkWidget *neighbour = neighbour_row (row);

      /* Done with the row in focus: the keyboard user goes on with the next. */
      if (neighbour != NULL)
        gtk_widget_grab_focus (neighbour);
    }

  gtk_list_box_remove (GTK_LIST_BOX (list), row);
}

static char *
format_group_title (RapportDueBucket bucket,
                    guint            count)
{
  switch (bucket)
    {
    case RAPPORT_DUE_BUCKET_OVERDUE:
      /* Translators: a group title on the Today page; %u is how many */
      return g_strdup_printf (_("Overdue (%u)"), count);
    case RAPPORT_DUE_BUCKET_TODAY:
      /* Translators: a group title on the Today page; %u is how many */
      return g_strdup_printf (_("Today (%u)"), count);
    case RAPPORT_DUE_BUCKET_UPCOMING:
    case RAPPORT_DUE_BUCKET_LATER:
    default:
      /* Translators: a group title on the Today page; %u is how many */
      return g_strdup_printf (_("Next 7 Days (%u)"), count);
    }
}

static void
update_titles (RapportTodayPage *self)
{
  AdwPreferencesGroup *groups[N_SHOWN_BUCKETS] = { self->overdue_group, self->today_group, self->upcoming_group };
  guint n_due = self->shown[RAPPORT_DUE_BUCKET_OVERDUE] + self->shown[RAPPORT_DUE_BUCKET_TODAY];
  guint total = n_due + self->shown[RAPPORT_DUE_BUCKET_UPCOMING];
  g_autofree char *subtitle = NULL;

  for (RapportDueBucket bucket = 0; bucket < N_SHOWN_BUCKETS; bucket++)
    {
      g_autofree char *title = format_group_title (bucket, self->shown[bucket]);

      adw_preferences_group_set_title (groups[bucket], title);
      gtk_widget_set_visible (GTK_WIDGET (groups[bucket]), self->shown[bucket] > 0);
    }

  if (n_due > 0)
    /* Translators: the Today page's subtitle */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u due", "%u due", n_due), n_due);
  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");

  gtk_stack_set_visible_child_name (self->stack, total > 0 ? "list" : "empty");
}

/* Lists what is due up to the end of the seventh day and puts each row in
 * its group: a row that stays keeps its widget (and so the focus and the
 * scroll position); one that is gone leaves, one that is new comes in. */
static void
refresh (RapportTodayPage *self)
{
  RapportClock *clock;
  g_autoptr (GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr (GListModel) follow_ups = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint old_n_due = rapport_today_page_get_n_due (self);
  gint64 assignee = self->assignee_filter != NULL
                    ? rapport_staff_filter_get_user_id (RAPPORT_STAFF_FILTER (self->assignee_filter))
                    : RAPPORT_STAFF_FILTER_EVERYONE;
  gint64 now;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  memset (self->counts, 0, sizeof self->counts);
  memset (self->shown, 0, sizeof self->shown);

  if (self->db != NULL)
    {
      clock = rapport_session_get_clock (self->session);
      now = rapport_clock_now (clock);
      self->next_rollover = rapport_due_bucket_next_rollover (now, zone);
      follow_ups = rapport_store_list_open_follow_ups (self->db, rapport_due_bucket_horizon (now, zone), &error);
      if (follow_ups == NULL)
        g_warning ("Could not list the follow-ups due: %s", error->message);
    }
  else
    {
      now = 0;
      self->next_rollover = 0;
    }

  for (guint i = 0; follow_ups != NULL && i < g_list_model_get_n_items (follow_ups); i++)
    {
      g_autoptr (RapportFollowUp) follow_up = g_list_model_get_item (follow_ups, i);
      RapportDueBucket bucket = rapport_due_bucket_for (rapport_follow_up_get_due_at (follow_up), now, zone);
      GtkListBox *list = list_for_bucket (self, bucket);
      gint64 id = rapport_follow_up_get_id (follow_up);
      GtkWidget *row;

      if (list == NULL)
        continue;

      self->counts[bucket]++;
      if (assignee != RAPPORT_STAFF_FILTER_EVERYONE && rapport_follow_up_get_assignee_id (follow_up) != assignee)
        continue;

      row = g_hash_table_lookup (self->rows, &id);
      if (row != NULL && gtk_widget_get_parent (row) != GTK_WIDGET (list))
        {
          /* Moved to another group (a new day, a reschedule). */
          remove_row (self, row);
          g_hash_table_remove (self->rows, &id);
          row = NULL;
        }

      if (row == NULL)
        {
          row = rapport_follow_up_row_new (self->actions, follow_up);
          gtk_list_box_append (list, row);
          g_hash_table_insert (self->rows, g_memdup2 (&id, sizeof id), row);
        }
      else if (follow_up_shown_differs (rapport_follow_up_row_get_follow_up (RAPPORT_FOLLOW_UP_ROW (row)), follow_up))
        {
          rapport_follow_up_row_set_follow_up (RAPPORT_FOLLOW_UP_ROW (row), follow_up);
        }
      else
        {
          /* "Tomorrow" became "Today" overnight. */
          rapport_follow_up_row_update_due (RAPPORT_FOLLOW_UP_ROW (row));
        }

      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
      self->shown[bucket]++;
    }

  /* Done, trashed, moved past the week, or its customer left. */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!g_hash_table_contains (seen, key))
        {
          remove_row (self, value);
          g_hash_table_iter_remove (&iter);
        }
    }

  gtk_list_box_invalidate_sort (self->overdue_list);
  gtk_list_box_invalidate_sort (self->today_list);
  gtk_list_box_invalidate_sort (self->upcoming_list);

  update_titles (self);
  arm_rollover_timer (self);

  if (rapport_today_page_get_n_due (self) != old_n_due)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DUE]);
}

static gboolean
refresh_cb (gpointer user_data)
{
  RapportTodayPage *self = user_data;

  self->refresh_id = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}

static void
queue_refresh (RapportTodayPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_cb, self);
}

static gboolean
rollover_cb (RapportWallTimerReason reason,
             gpointer               user_data)
{
  RapportTodayPage *self = user_data;

  /* refresh() arms a new timer for the next midnight. */
  self->rollover_timer_id = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}

/* A wall-clock timer for the next local midnight: it fires across a suspend
 * and when the clock is set. A clock stopped by a test never reaches
 * midnight by itself: no timer then. */
static void
arm_rollover_timer (RapportTodayPage *self)
{
  g_clear_handle_id (&self->rollover_timer_id, g_source_remove);

  if (self->session == NULL || self->next_rollover == 0 ||
      rapport_clock_is_fixed (rapport_session_get_clock (self->session)))
    return;

  self->rollover_timer_id = rapport_wall_timer_add (self->next_rollover, rollover_cb, self, NULL);
}

/* The filter shows once there is someone besides Me; with Me alone it
 * would offer nothing. */
static void
update_assignee_filter (RapportTodayPage *self)
{
  g_autoptr (GListModel) staff = NULL;
  gboolean several;

  if (self->assignee_filter == NULL)
    return;

  staff = rapport_store_list_staff (self->db, TRUE, NULL);
  several = staff != NULL && g_list_model_get_n_items (staff) > 1;
  gtk_widget_set_visible (self->assignee_filter, several);
  if (!several)
    rapport_staff_filter_set_user_id (RAPPORT_STAFF_FILTER (self->assignee_filter), RAPPORT_STAFF_FILTER_EVERYONE);
}

/* Callbacks */

static void
changes_cb (RapportTodayPage *self,
            GArray           *changes)
{
  /* Follow-ups, and customers going to the Trash, coming back or renamed
   * (the rows show their names); an order or a tag does not show here. */
  for (guint i = 0; i < changes->len; i++)
    {
      const RapportChange *change = &g_array_index (changes, RapportChange, i);

      if (change->kind == RAPPORT_ENTITY_KIND_USER)
        update_assignee_filter (self);

      if (change->kind == RAPPORT_ENTITY_KIND_FOLLOW_UP ||
          change->change == RAPPORT_CHANGE_RELOADED ||
          (change->kind == RAPPORT_ENTITY_KIND_CUSTOMER && change->change != RAPPORT_CHANGE_INSERTED))
        {
          queue_refresh (self);
          return;
        }
    }
}

static void
open_customer_cb (RapportTodayPage *self,
                  gint64            customer_id,
                  gint64            follow_up_id)
{
  g_signal_emit (self, signals[SIGNAL_OPEN_CUSTOMER], 0, customer_id);
}

/* GtkWidget */

/* Focus goes to the first row shown: where a keyboard user coming to Today
 * starts. */
static gboolean
rapport_today_page_grab_focus (GtkWidget *widget)
{
  RapportTodayPage *self = RAPPORT_TODAY_PAGE (widget);

  for (RapportDueBucket bucket = 0; bucket < N_SHOWN_BUCKETS; bucket++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list_for_bucket (self, bucket), 0);

      if (row != NULL)
        return gtk_widget_grab_focus (GTK_WIDGET (row));
    }

  return GTK_WIDGET_CLASS (rapport_today_page_parent_class)->grab_focus (widget);
}

/* GObject */

static void
rapport_today_page_dispose (GObject *object)
{
  RapportTodayPage *self = RAPPORT_TODAY_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->rollover_timer_id, g_source_remove);
  if (self->bus_signals != NULL)
    g_signal_group_set_target (self->bus_signals, NULL);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_TODAY_PAGE);
  g_clear_object (&self->bus_signals);
  g_clear_object (&self->actions);
  g_clear_object (&self->session);
  self->db = NULL;

  G_OBJECT_CLASS (rapport_today_page_parent_class)->dispose (object);
}

static void
rapport_today_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RapportTodayPage *self = RAPPORT_TODAY_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_N_DUE:
      g_value_set_uint (value, rapport_today_page_get_n_due (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_today_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RapportTodayPage *self = RAPPORT_TODAY_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      rapport_today_page_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_today_page_class_init (RapportTodayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_today_page_dispose;
  object_class->get_property = rapport_today_page_get_property;
  object_class->set_property = rapport_today_page_set_property;

  widget_class->grab_focus = rapport_today_page_grab_focus;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, RAPPORT_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_DUE] =
    g_param_spec_uint ("n-due", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_OPEN_CUSTOMER] =
    g_signal_new ("open-customer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-today-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, overdue_group);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, today_group);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, upcoming_group);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, overdue_list);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, today_list);
  gtk_widget_class_bind_template_child (widget_class, RapportTodayPage, upcoming_list);
}

static void
rapport_today_page_init (RapportTodayPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->bus_signals = g_signal_group_new (RAPPORT_TYPE_CHANGE_BUS);
  g_signal_group_connect_swapped (self->bus_signals, "changed", G_CALLBACK (changes_cb), self);

  gtk_list_box_set_sort_func (self->overdue_list, compare_rows, NULL, NULL);
  gtk_list_box_set_sort_func (self->today_list, compare_rows, NULL, NULL);
  gtk_list_box_set_sort_func (self->upcoming_list, compare_rows, NULL, NULL);

  update_titles (self);
}

/* Public API */

GtkWidget *
rapport_today_page_new (void)
{
  return g_object_new (RAPPORT_TYPE_TODAY_PAGE, NULL);
}

RapportSession *
rapport_today_page_get_session (RapportTodayPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_TODAY_PAGE (self), NULL);

  return self->session;
}

void
rapport_today_page_set_session (RapportTodayPage *self,
                                RapportSession   *session)
{
  g_return_if_fail (RAPPORT_IS_TODAY_PAGE (self));
  g_return_if_fail (session == NULL || rapport_session_get_database (session) != NULL);

  if (self->session == session)
    return;

  /* The old session's rows act on its database: they all go. */
  g_hash_table_remove_all (self->rows);
  for (RapportDueBucket bucket = 0; bucket < N_SHOWN_BUCKETS; bucket++)
    {
      GtkListBox *list = list_for_bucket (self, bucket);
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
        gtk_list_box_remove (list, child);
    }

  g_set_object (&self->session, session);
  self->db = session != NULL ? rapport_session_get_database (session) : NULL;
  g_clear_object (&self->actions);
  if (session != NULL)
    {
      self->actions = rapport_follow_up_actions_new (session);
      g_signal_connect_object (self->actions, "open-customer",
                               G_CALLBACK (open_customer_cb), self, G_CONNECT_SWAPPED);
    }
  g_signal_group_set_target (self->bus_signals,
                             self->db != NULL ? rapport_database_get_change_bus (self->db) : NULL);

  if (self->assignee_filter != NULL)
    adw_header_bar_remove (self->header_bar, self->assignee_filter);
  self->assignee_filter = NULL;
  if (self->db != NULL)
    {
      self->assignee_filter = rapport_staff_filter_new (self->db, RAPPORT_STAFF_PICK_OWNER);
      gtk_widget_set_tooltip_text (self->assignee_filter, _("Show the follow-ups of one assignee"));
      g_signal_connect_object (self->assignee_filter, "notify::user-id",
                               G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
      adw_header_bar_pack_end (self->header_bar, self->assignee_filter);
      update_assignee_filter (self);
    }

  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
rapport_today_page_set_show_back_button (RapportTodayPage *self,
                                         gboolean          show)
{
  g_return_if_fail (RAPPORT_IS_TODAY_PAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show);
}

guint
rapport_today_page_get_count (RapportTodayPage *self,
                              RapportDueBucket  bucket)
{
  g_return_val_if_fail (RAPPORT_IS_TODAY_PAGE (self), 0);
  g_return_val_if_fail (bucket < N_SHOWN_BUCKETS, 0);

  return self->counts[bucket];
}

guint
rapport_today_page_get_n_due (RapportTodayPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_TODAY_PAGE (self), 0);

  return self->counts[RAPPORT_DUE_BUCKET_OVERDUE] + self->counts[RAPPORT_DUE_BUCKET_TODAY];
}

/**
 * rapport_today_page_get_follow_ups:
 *
 * Returns: (transfer container): the follow-ups shown in @bucket, in order
 */
GPtrArray *
rapport_today_page_get_follow_ups (RapportTodayPage *self,
                                   RapportDueBucket  bucket)
{
  GPtrArray *follow_ups = g_ptr_array_new_with_free_func (g_object_unref);
  GtkListBox *list;

  g_return_val_if_fail (RAPPORT_IS_TODAY_PAGE (self), follow_ups);

  list = list_for_bucket (self, bucket);
  for (GtkWidget *row = list != NULL ? gtk_widget_get_first_child (GTK_WIDGET (list)) : NULL;
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (RAPPORT_IS_FOLLOW_UP_ROW (row))
      g_ptr_array_add (follow_ups, g_object_ref (rapport_follow_up_row_get_follow_up (RAPPORT_FOLLOW_UP_ROW (row))));

  return follow_ups;
}

gint64
rapport_today_page_get_next_rollover (RapportTodayPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_TODAY_PAGE (self), 0);

  return self->next_rollover;
}

void
rapport_today_page_clock_changed (RapportTodayPage *self)
{
  g_return_if_fail (RAPPORT_IS_TODAY_PAGE (self));

  refresh (self);
}
