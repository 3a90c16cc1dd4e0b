/* rapport-service-page.c
 *
 * The list holds what has been read so far (a chunk, then more at the end of
 * the scroll); a change on the bus reads the same span again and brings the
 * list to it with one splice, so rows that did not change keep their
 * widgets and the scroll position.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-service-page"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-service-request-dialog.h"
#include "rapport-service-ui.h"
#include "rapport-staff-filter.h"
#include "rapport-store.h"
#include "rapport-ui-utils.h"
#include "rapport-wall-timer.h"

#include "rapport-service-page.h"

/* The rows' due times are read again at least this often (seconds), and at
 * the moment the next one falls due. */
#define DUE_REFRESH_MAX 900

struct _RapportServicePage
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkWidget           *back_button;
  GtkBox              *filter_box;
  GtkDropDown         *queue_dropdown;
  GtkLabel            *averages_label;
  GtkStack            *stack;
  GtkScrolledWindow   *scrolled_window;
  GtkListView         *list_view;
  AdwStatusPage       *empty_page;

  /* Borrowed: the session's main connection; the filter is in filter_box */
  RapportDatabase     *db;
  GtkWidget           *assignee_filter;

  /* Owned */
  RapportSession      *session;
  GSignalGroup        *bus_signals;
  GListStore          *requests;
  GtkStringList       *queue_names;
  char                *averages_text;
  RapportServiceQueue  queue;
  gint64               assignee_id;
  guint                counts[RAPPORT_SERVICE_N_QUEUES];
  guint                refresh_id;
  guint                due_timer_id;
  gboolean             has_more;
  gboolean             stale;          /* hidden when something changed: read once shown */
  gboolean             syncing_dropdown;
};

G_DEFINE_FINAL_TYPE (RapportServicePage, rapport_service_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_QUEUE,
  PROP_ASSIGNEE_ID,
  PROP_N_MINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_CUSTOMER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload (RapportServicePage *self);

/* Helpers */

static gint64
now (RapportServicePage *self)
{
  return rapport_clock_now (rapport_session_get_clock (self->session));
}

/* The user a queue is read for: Mine is always the user's own. */
static gint64
queue_assignee (RapportServicePage  *self,
                RapportServiceQueue  queue)
{
  if (queue == RAPPORT_SERVICE_QUEUE_MINE)
    return 0;

  return self->assignee_id;
}

static void
show_error (RapportServicePage *self,
            const GError       *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  rapport_widget_add_toast (GTK_WIDGET (self), adw_toast_new (escaped));
}

static void
update_queue_names (RapportServicePage *self)
{
  const char *names[RAPPORT_SERVICE_N_QUEUES + 1] = { NULL };
  char *labels[RAPPORT_SERVICE_N_QUEUES] = { NULL };

  for (guint i = 0; i < RAPPORT_SERVICE_N_QUEUES; i++)
    {
      /* Closed grows for ever: its count says nothing. */
      if (i == RAPPORT_SERVICE_QUEUE_CLOSED || self->db == NULL)
        labels[i] = g_strdup (rapport_service_queue_get_label (i));
      else
        /* Translators: a service queue and how many requests it holds, "Overdue (3)" */
        labels[i] = g_strdup_printf (_("%s (%u)"), rapport_service_queue_get_label (i), self->counts[i]);
      names[i] = labels[i];
    }

  /* Replacing the strings would reset the choice: it is put back. */
  self->syncing_dropdown = TRUE;
  gtk_string_list_splice (self->queue_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->queue_names)), names);
  gtk_drop_down_set_selected (self->queue_dropdown, self->queue);
  self->syncing_dropdown = FALSE;

  for (guint i = 0; i < RAPPORT_SERVICE_N_QUEUES; i++)
    g_free (labels[i]);
}

/* @mine_only: the sidebar's count alone, for a page not shown. */
static void
read_counts (RapportServicePage *self,
             gboolean            mine_only)
{
  guint n_mine = self->counts[RAPPORT_SERVICE_QUEUE_MINE];

  for (guint i = 0; i < RAPPORT_SERVICE_N_QUEUES; i++)
    {
      g_autoptr (GError) error = NULL;
      guint count = 0;

      if (i == RAPPORT_SERVICE_QUEUE_CLOSED || (mine_only && i != RAPPORT_SERVICE_QUEUE_MINE))
        continue;
      if (!rapport_store_count_service_queue (self->db, i, queue_assignee (self, i),
                                              &count, &error))
        g_warning ("Could not count the service queue: %s", error->message);
      self->counts[i] = count;
    }

  update_queue_names (self);
  if (n_mine != self->counts[RAPPORT_SERVICE_QUEUE_MINE])
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MINE]);
}

/* "Inquiry 4.5 (3) · Complaint 3.0 (2)" */
static void
append_average (GString    *line,
                const char *name,
                double      average,
                guint       count)
{
  if (line->len > 0)
    g_string_append (line, _(" · "));
  /* Translators: a satisfaction average (1.0–5.0) and how many ratings it is of, "Complaint 3.5 (4)" */
  g_string_append_printf (line, _("%s %.1f (%u)"), name, average, count);
}

static void
read_averages (RapportServicePage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) by_kind = rapport_store_get_service_satisfaction_by_kind (self->db, &error);
  g_autoptr (GArray) by_assignee = NULL;
  g_autoptr (GString) kinds = g_string_new (NULL);
  g_autoptr (GString) assignees = g_string_new (NULL);
  g_autoptr (GString) text = g_string_new (NULL);

  if (by_kind == NULL)
    g_warning ("Could not read the satisfaction averages: %s", error->message);
  g_clear_error (&error);
  by_assignee = rapport_store_get_service_satisfaction_by_assignee (self->db, &error);
  if (by_assignee == NULL)
    g_warning ("Could not read the satisfaction averages: %s", error->message);

  for (guint i = 0; by_kind != NULL && i < by_kind->len; i++)
    {
      const RapportServiceSatisfaction *s = &g_array_index (by_kind, RapportServiceSatisfaction, i);

      append_average (kinds, rapport_service_kind_get_label (s->kind), s->average, s->count);
    }

  for (guint i = 0; by_assignee != NULL && i < by_assignee->len; i++)
    {
      const RapportServiceSatisfaction *s = &g_array_index (by_assignee, RapportServiceSatisfaction, i);
      g_autofree char *name = NULL;

      if (s->assignee_id > 0)
        name = rapport_store_get_user_name (self->db, s->assignee_id, NULL);
      append_average (assignees, name != NULL ? name : _("Unassigned"), s->average, s->count);
    }

  if (kinds->len > 0)
    /* Translators: %s lists satisfaction averages by kind of request */
    g_string_append_printf (text, _("Satisfaction: %s"), kinds->str);
  if (assignees->len > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: %s lists satisfaction averages by assignee */
      g_string_append_printf (text, _("By assignee: %s"), assignees->str);
    }

  g_clear_pointer (&self->averages_text, g_free);
  if (text->len > 0)
    self->averages_text = g_strdup (text->str);
  gtk_label_set_text (self->averages_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->averages_label), text->len > 0);
}

static void
update_empty_state (RapportServicePage *self)
{
  static const struct { const char *title; const char *description; } empty[] = {
    [RAPPORT_SERVICE_QUEUE_MINE] = { N_("Nothing Assigned to You"),
                                     N_("Open requests assigned to you show here.") },
    [RAPPORT_SERVICE_QUEUE_UNASSIGNED] = { N_("No Unassigned Requests"),
                                           N_("Every open request has someone on it.") },
    [RAPPORT_SERVICE_QUEUE_OVERDUE] = { N_("Nothing Overdue"),
                                        N_("Every open request is within its target time.") },
    [RAPPORT_SERVICE_QUEUE_OPEN] = { N_("No Open Requests"),
                                     N_("Add a request from a customer’s page.") },
    [RAPPORT_SERVICE_QUEUE_CLOSED] = { N_("No Closed Requests"),
                                       N_("Requests show here once they are closed.") },
  };
  gboolean is_empty = g_list_model_get_n_items (G_LIST_MODEL (self->requests)) == 0;

  adw_status_page_set_title (self->empty_page, _(empty[self->queue].title));
  adw_status_page_set_description (self->empty_page, _(empty[self->queue].description));
  gtk_stack_set_visible_child_name (self->stack, is_empty ? "empty" : "list");
}

static gboolean
due_timer_cb (RapportWallTimerReason reason,
              gpointer               user_data)
{
  RapportServicePage *self = user_data;

  self->due_timer_id = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

/* The due words and the overdue queue change with time alone: one wake-up at
 * the next request falling due, or a while later to update the words. */
static void
arm_due_timer (RapportServicePage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->requests));
  gint64 t = now (self);
  gint64 next = t + DUE_REFRESH_MAX;

  g_clear_handle_id (&self->due_timer_id, g_source_remove);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportServiceRequest) request = g_list_model_get_item (G_LIST_MODEL (self->requests), i);
      gint64 due_at = rapport_service_request_get_due_at (request);

      if (rapport_service_request_is_open (request) && due_at > t)
        next = MIN (next, due_at);
    }

  /* The same span on the wall clock: a test's fixed clock never arms a
   * deadline already past. */
  self->due_timer_id = rapport_wall_timer_add (g_get_real_time () / G_USEC_PER_SEC + (next - t),
                                               due_timer_cb, self, NULL);
}

/* Reads @limit rows from @offset of the queue shown. */
static GListModel *
read_rows (RapportServicePage  *self,
           guint                offset,
           guint                limit,
           GError             **error)
{
  return rapport_store_list_service_queue (self->db, self->queue,
                                           queue_assignee (self, self->queue), offset, limit, error);
}

/* Reads the span already shown again (at least a chunk) with the counts.
 * A page not shown reads only the sidebar's count, and the rest once it is
 * shown: opening the window costs no queue. */
static void
reload (RapportServicePage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) fresh = NULL;
  guint limit;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->db == NULL)
    return;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      g_clear_handle_id (&self->due_timer_id, g_source_remove);
      self->stale = TRUE;
      read_counts (self, TRUE);
      return;
    }

  self->stale = FALSE;

  limit = MAX (RAPPORT_SERVICE_PAGE_CHUNK, g_list_model_get_n_items (G_LIST_MODEL (self->requests)));
  fresh = read_rows (self, 0, limit, &error);
  if (fresh == NULL)
    show_error (self, error);
  else
    {
      self->has_more = g_list_model_get_n_items (fresh) == limit;
      rapport_list_store_sync (self->requests, fresh);
    }

  read_counts (self, FALSE);
  read_averages (self);
  update_empty_state (self);
  arm_due_timer (self);
}

static void
load_more (RapportServicePage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) more = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->requests));
  guint n_more;

  if (self->db == NULL || !self->has_more)
    return;

  more = read_rows (self, n, RAPPORT_SERVICE_PAGE_CHUNK, &error);
  if (more == NULL)
    {
      show_error (self, error);
      return;
    }

  n_more = g_list_model_get_n_items (more);
  self->has_more = n_more == RAPPORT_SERVICE_PAGE_CHUNK;
  for (guint i = 0; i < n_more; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (more, i);

      g_list_store_append (self->requests, item);
    }
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  RapportServicePage *self = user_data;

  self->refresh_id = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

static void
queue_refresh (RapportServicePage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle_cb, self, NULL);
}

/* A queue or filter shown anew starts at its top. */
static void
show_from_top (RapportServicePage *self)
{
  g_list_store_remove_all (self->requests);
  self->has_more = FALSE;
  reload (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0.0);
}

/* Rows */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *summary = gtk_label_new (NULL);
  GtkWidget *meta = gtk_label_new (NULL);
  GtkWidget *due = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), rapport_service_priority_badge_new (RAPPORT_SERVICE_PRIORITY_LOWEST));

  gtk_widget_set_hexpand (text, TRUE);
  /* One line each, ellipsized: measuring wrapped labels for every row is
   * most of the section's first frame. The status and the assignee come
   * first so that they stay in view at phone width. */
  gtk_label_set_xalign (GTK_LABEL (summary), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (summary), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (summary), TRUE);
  gtk_widget_add_css_class (summary, "heading");
  gtk_box_append (GTK_BOX (text), summary);
  gtk_label_set_xalign (GTK_LABEL (meta), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (meta), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (meta), TRUE);
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_box_append (GTK_BOX (text), meta);
  gtk_label_set_xalign (GTK_LABEL (due), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (due), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (due, "caption");
  gtk_box_append (GTK_BOX (text), due);
  gtk_box_append (GTK_BOX (box), text);

  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             RapportServicePage       *self)
{
  RapportServiceRequest *request = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *badge = gtk_widget_get_first_child (box);
  GtkWidget *text = gtk_widget_get_next_sibling (badge);
  GtkWidget *summary = gtk_widget_get_first_child (text);
  GtkWidget *meta = gtk_widget_get_next_sibling (summary);
  GtkWidget *due = gtk_widget_get_next_sibling (meta);
  const char *customer = rapport_service_request_get_customer_name (request);
  const char *assignee = rapport_service_request_get_assignee_name (request);
  g_autofree char *meta_text = NULL;
  g_autofree char *due_text = NULL;
  gboolean overdue = FALSE;

  rapport_service_priority_badge_set (badge, rapport_service_request_get_priority (request));
  gtk_label_set_text (GTK_LABEL (summary), rapport_service_request_get_summary (request));

  /* Translators: a service request in the list: its status, assignee, kind and customer */
  meta_text = g_strdup_printf (_("%s · %s · %s · %s"),
                               rapport_service_status_get_label (rapport_service_request_get_status (request)),
                               assignee != NULL ? assignee : _("Unassigned"),
                               rapport_service_kind_get_label (rapport_service_request_get_kind (request)),
                               customer != NULL ? customer : "");
  gtk_label_set_text (GTK_LABEL (meta), meta_text);

  due_text = rapport_service_format_due (request, now (self), &overdue);
  gtk_label_set_text (GTK_LABEL (due), due_text != NULL ? due_text : "");
  gtk_widget_set_visible (due, due_text != NULL);
  if (overdue)
    gtk_widget_add_css_class (due, "rapport-overdue");
  else
    gtk_widget_remove_css_class (due, "rapport-overdue");
}

/* Callbacks */

static void
changes_cb (RapportServicePage *self,
            GArray             *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const RapportChange *change = &g_array_index (changes, RapportChange, i);

      /* Requests, and the names and tiers they show. */
      if (change->kind == RAPPORT_ENTITY_KIND_SERVICE_REQUEST || change->kind == RAPPORT_ENTITY_KIND_USER ||
          change->kind == RAPPORT_ENTITY_KIND_CUSTOMER || change->change == RAPPORT_CHANGE_RELOADED)
        {
          queue_refresh (self);
          return;
        }
    }
}

static void
queue_selected_cb (RapportServicePage *self)
{
  guint selected = gtk_drop_down_get_selected (self->queue_dropdown);

  if (self->syncing_dropdown || selected >= RAPPORT_SERVICE_N_QUEUES)
    return;

  rapport_service_page_set_queue (self, selected);
}

static void
assignee_filter_changed_cb (RapportServicePage *self)
{
  rapport_service_page_set_assignee_id (self, rapport_staff_filter_get_user_id (RAPPORT_STAFF_FILTER (self->assignee_filter)));
}

static void
edge_reached_cb (RapportServicePage *self,
                 GtkPositionType     position)
{
  if (position == GTK_POS_BOTTOM)
    load_more (self);
}

static void
row_activated_cb (RapportServicePage *self,
                  guint               position)
{
  g_autoptr (RapportServiceRequest) request = g_list_model_get_item (G_LIST_MODEL (self->requests), position);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (request == NULL || self->session == NULL)
    return;

  g_signal_emit (self, signals[OPEN_CUSTOMER], 0, rapport_service_request_get_customer_id (request));
  dialog = rapport_service_request_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->session,
                                               rapport_service_request_get_customer_id (request),
                                               rapport_service_request_get_id (request));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GtkWidget */

static void
rapport_service_page_map (GtkWidget *widget)
{
  RapportServicePage *self = RAPPORT_SERVICE_PAGE (widget);

  GTK_WIDGET_CLASS (rapport_service_page_parent_class)->map (widget);

  if (self->stale)
    show_from_top (self);
}

/* GObject */

static void
rapport_service_page_dispose (GObject *object)
{
  RapportServicePage *self = RAPPORT_SERVICE_PAGE (object);

  rapport_service_page_set_session (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_SERVICE_PAGE);
  g_clear_object (&self->bus_signals);

  G_OBJECT_CLASS (rapport_service_page_parent_class)->dispose (object);
}

static void
rapport_service_page_finalize (GObject *object)
{
  RapportServicePage *self = RAPPORT_SERVICE_PAGE (object);

  g_clear_object (&self->requests);
  g_clear_object (&self->queue_names);
  g_clear_pointer (&self->averages_text, g_free);

  G_OBJECT_CLASS (rapport_service_page_parent_class)->finalize (object);
}

static void
rapport_service_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RapportServicePage *self = RAPPORT_SERVICE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_QUEUE:
      g_value_set_enum (value, self->queue);
      break;

    case PROP_ASSIGNEE_ID:
      g_value_set_int64 (value, self->assignee_id);
      break;

    case PROP_N_MINE:
      g_value_set_uint (value, rapport_service_page_get_n_mine (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_service_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RapportServicePage *self = RAPPORT_SERVICE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      rapport_service_page_set_session (self, g_value_get_object (value));
      break;

    case PROP_QUEUE:
      rapport_service_page_set_queue (self, g_value_get_enum (value));
      break;

    case PROP_ASSIGNEE_ID:
      rapport_service_page_set_assignee_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_service_page_class_init (RapportServicePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_service_page_dispose;
  object_class->finalize = rapport_service_page_finalize;
  object_class->get_property = rapport_service_page_get_property;
  object_class->set_property = rapport_service_page_set_property;

  widget_class->map = rapport_service_page_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, RAPPORT_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_QUEUE] =
    g_param_spec_enum ("queue", NULL, NULL, RAPPORT_TYPE_SERVICE_QUEUE, RAPPORT_SERVICE_QUEUE_MINE,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ASSIGNEE_ID] =
    g_param_spec_int64 ("assignee-id", NULL, NULL, -1, G_MAXINT64, RAPPORT_SERVICE_ANY_ASSIGNEE,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_MINE] =
    g_param_spec_uint ("n-mine", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportServicePage::open-customer:
   * @customer_id: the customer of the request activated
   */
  signals[OPEN_CUSTOMER] = g_signal_new ("open-customer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-service-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportServicePage, back_button);
  gtk_widget_class_bind_template_child (widget_class, RapportServicePage, filter_box);
  gtk_widget_class_bind_template_child (widget_class, RapportServicePage, queue_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RapportServicePage, averages_label);
  gtk_widget_class_bind_template_child (widget_class, RapportServicePage, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportServicePage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, RapportServicePage, list_view);
  gtk_widget_class_bind_template_child (widget_class, RapportServicePage, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, edge_reached_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
rapport_service_page_init (RapportServicePage *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr (GtkNoSelection) selection = NULL;

  self->queue = RAPPORT_SERVICE_QUEUE_MINE;
  self->assignee_id = RAPPORT_SERVICE_ANY_ASSIGNEE;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->requests = g_list_store_new (RAPPORT_TYPE_SERVICE_REQUEST);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->requests)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  self->queue_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->queue_dropdown, G_LIST_MODEL (self->queue_names));
  update_queue_names (self);
  g_signal_connect_object (self->queue_dropdown, "notify::selected",
                           G_CALLBACK (queue_selected_cb), self, G_CONNECT_SWAPPED);

  self->bus_signals = g_signal_group_new (RAPPORT_TYPE_CHANGE_BUS);
  g_signal_group_connect_swapped (self->bus_signals, "changed", G_CALLBACK (changes_cb), self);

  update_empty_state (self);
}

/* Public API */

GtkWidget *
rapport_service_page_new (void)
{
  return g_object_new (RAPPORT_TYPE_SERVICE_PAGE, NULL);
}

RapportSession *
rapport_service_page_get_session (RapportServicePage *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_PAGE (self), NULL);

  return self->session;
}

/**
 * rapport_service_page_set_session:
 * @session: (nullable): an open session, or %NULL to show nothing
 */
void
rapport_service_page_set_session (RapportServicePage *self,
                                  RapportSession     *session)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_PAGE (self));
  g_return_if_fail (session == NULL || RAPPORT_IS_SESSION (session));

  if (self->session == session)
    return;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->due_timer_id, g_source_remove);
  if (self->assignee_filter != NULL)
    {
      gtk_box_remove (self->filter_box, self->assignee_filter);
      self->assignee_filter = NULL;
    }
  if (self->bus_signals != NULL)
    g_signal_group_set_target (self->bus_signals, NULL);
  g_set_object (&self->session, session);
  self->db = session != NULL ? rapport_session_get_database (session) : NULL;

  if (self->db != NULL)
    {
      g_signal_group_set_target (self->bus_signals, rapport_database_get_change_bus (self->db));
      self->assignee_filter = rapport_staff_filter_new (self->db, RAPPORT_STAFF_PICK_ASSIGNEE);
      gtk_widget_set_tooltip_text (self->assignee_filter, _("Assignee"));
      rapport_staff_filter_set_user_id (RAPPORT_STAFF_FILTER (self->assignee_filter), self->assignee_id);
      g_signal_connect_object (self->assignee_filter, "notify::user-id",
                               G_CALLBACK (assignee_filter_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (self->filter_box, self->assignee_filter);
    }

  memset (self->counts, 0, sizeof self->counts);
  g_list_store_remove_all (self->requests);
  if (self->db != NULL)
    show_from_top (self);
  else
    update_queue_names (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MINE]);
}

void
rapport_service_page_set_show_back_button (RapportServicePage *self,
                                           gboolean            show)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_PAGE (self));

  gtk_widget_set_visible (self->back_button, show);
}

RapportServiceQueue
rapport_service_page_get_queue (RapportServicePage *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_PAGE (self), RAPPORT_SERVICE_QUEUE_MINE);

  return self->queue;
}

void
rapport_service_page_set_queue (RapportServicePage  *self,
                                RapportServiceQueue  queue)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_PAGE (self));
  g_return_if_fail (queue < RAPPORT_SERVICE_N_QUEUES);

  if (self->queue == queue)
    return;

  self->queue = queue;
  self->syncing_dropdown = TRUE;
  gtk_drop_down_set_selected (self->queue_dropdown, queue);
  self->syncing_dropdown = FALSE;
  show_from_top (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUEUE]);
}

gint64
rapport_service_page_get_assignee_id (RapportServicePage *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_PAGE (self), RAPPORT_SERVICE_ANY_ASSIGNEE);

  return self->assignee_id;
}

void
rapport_service_page_set_assignee_id (RapportServicePage *self,
                                      gint64              assignee_id)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_PAGE (self));
  g_return_if_fail (assignee_id >= RAPPORT_SERVICE_ANY_ASSIGNEE);

  if (self->assignee_id == assignee_id)
    return;

  self->assignee_id = assignee_id;
  if (self->assignee_filter != NULL &&
      rapport_staff_filter_get_user_id (RAPPORT_STAFF_FILTER (self->assignee_filter)) != assignee_id)
    rapport_staff_filter_set_user_id (RAPPORT_STAFF_FILTER (self->assignee_filter), assignee_id);
  show_from_top (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASSIGNEE_ID]);
}

guint
rapport_service_page_get_n_mine (RapportServicePage *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_PAGE (self), 0);

  return self->db != NULL ? self->counts[RAPPORT_SERVICE_QUEUE_MINE] : 0;
}

guint
rapport_service_page_get_count (RapportServicePage  *self,
                                RapportServiceQueue  queue)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_PAGE (self), 0);
  g_return_val_if_fail (queue < RAPPORT_SERVICE_N_QUEUES, 0);

  return self->counts[queue];
}

/**
 * rapport_service_page_get_model:
 *
 * Returns: (transfer none): the requests listed, in their order
 */
GListModel *
rapport_service_page_get_model (RapportServicePage *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_PAGE (self), NULL);

  return G_LIST_MODEL (self->requests);
}

const char *
rapport_service_page_get_averages_text (RapportServicePage *self)
{
  g_return_val_if_fail (RAPPORT_IS_SERVICE_PAGE (self), NULL);

  return self->averages_text;
}

void
rapport_service_page_refresh (RapportServicePage *self)
{
  g_return_if_fail (RAPPORT_IS_SERVICE_PAGE (self));

  reload (self);
}
