/* test-service-ui.c
 *
 * The service desk's UI: the request dialog (priority with its derivation
 * and an override, a summary required, the owner's confirmation before a
 * complaint's reply), the Service section's queues and averages, and the
 * customer page's Service Requests, each following the change bus.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-compose-dialog.h"
#include "rapport-customer-page.h"
#include "rapport-customer-service-group.h"
#include "rapport-editor-dialog.h"
#include "rapport-service-page.h"
#include "rapport-service-priority.h"
#include "rapport-service-request-dialog.h"
#include "rapport-staff-row.h"
#include "rapport-store.h"

#include "shell-test-utils.h"

#define HOUR 3600

typedef struct
{
  TestDb     t;
  GtkWidget *window;
  GtkWidget *overlay;
  gint64     customer_id;   /* gold, owned by 王销售 */
  gint64     owner_id;      /* 王销售 */
  gint64     other_id;      /* 李质检 */
} Fixture;

static void
fixture_set_up (Fixture *f)
{
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();
  g_autoptr (GError) error = NULL;

  test_db_open (&f->t);

  f->owner_id = rapport_store_add_staff_member (f->t.db, "王销售", "Sales", &error);
  g_assert_no_error (error);
  f->other_id = rapport_store_add_staff_member (f->t.db, "李质检", "Quality", &error);
  g_assert_no_error (error);

  rapport_customer_set_name (customer, "速阳建材");
  rapport_customer_set_tier (customer, RAPPORT_TIER_GOLD);
  rapport_customer_set_owner_id (customer, f->owner_id);
  rapport_store_insert_customer (f->t.db, customer, &error);
  g_assert_no_error (error);
  f->customer_id = rapport_customer_get_id (customer);

  f->window = adw_window_new ();
  f->overlay = adw_toast_overlay_new ();
  adw_window_set_content (ADW_WINDOW (f->window), f->overlay);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  shell_test_spin ();
}

static void
fixture_tear_down (Fixture *f)
{
  GtkWidget *dialog;

  while ((dialog = GTK_WIDGET (shell_test_find_toplevel (ADW_TYPE_WINDOW, GTK_WINDOW (f->window)))) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (f->window));
  shell_test_spin ();
  test_db_close (&f->t);
}

static gint64
add_request (Fixture                *f,
             RapportServiceKind      kind,
             const char             *summary,
             gint                    priority)
{
  g_autoptr (RapportServiceRequest) request = rapport_service_request_new ();
  g_autoptr (GError) error = NULL;

  rapport_service_request_set_customer_id (request, f->customer_id);
  rapport_service_request_set_kind (request, kind);
  rapport_service_request_set_summary (request, summary);
  rapport_service_request_set_severity (request, RAPPORT_SERVICE_SEVERITY_NORMAL);
  if (priority > 0)
    {
      rapport_service_request_set_priority (request, priority);
      rapport_service_request_set_priority_overridden (request, TRUE);
    }
  rapport_store_insert_service_request (f->t.db, request, NULL, &error);
  g_assert_no_error (error);

  return rapport_service_request_get_id (request);
}

static RapportServiceRequest *
get_request (Fixture *f,
             gint64   id)
{
  g_autoptr (GError) error = NULL;
  RapportServiceRequest *request = rapport_store_get_service_request (f->t.db, id, &error);

  g_assert_no_error (error);
  return request;
}

static gboolean
is_switch (GtkWidget *widget,
           gpointer   data)
{
  return GTK_IS_SWITCH (widget);
}

static gboolean
is_menu_button_labelled (GtkWidget *widget,
                         gpointer   data)
{
  g_autofree char *plain = NULL;

  if (!GTK_IS_MENU_BUTTON (widget))
    return FALSE;

  plain = strip_underline (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)));
  return g_strcmp0 (plain, data) == 0;
}

static GtkWidget *
find_menu_button (GtkWidget  *root,
                  const char *label)
{
  GtkWidget *button = shell_test_find_widget (root, is_menu_button_labelled, (gpointer) label);

  g_assert_nonnull (button);
  return button;
}

static void
collect_text_views (GtkWidget *root,
                    GPtrArray *views)
{
  if (GTK_IS_TEXT_VIEW (root))
    g_ptr_array_add (views, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_text_views (child, views);
}

static GtkTextView *
nth_text_view (GtkWidget *root,
               guint      n)
{
  g_autoptr (GPtrArray) views = g_ptr_array_new ();

  collect_text_views (root, views);
  g_assert_cmpuint (views->len, >, n);
  return GTK_TEXT_VIEW (g_ptr_array_index (views, n));
}

static void
click_button (GtkWidget  *root,
              const char *label)
{
  GtkWidget *button = find_titled (root, GTK_TYPE_BUTTON, label);


  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  shell_test_spin ();
}

static gboolean
dialog_gone_cb (gpointer data)
{
  return shell_test_find_toplevel (RAPPORT_TYPE_SERVICE_REQUEST_DIALOG, NULL) == NULL;
}

static guint
count_queue (Fixture             *f,
             RapportServiceQueue  queue)
{
  g_autoptr (GError) error = NULL;
  guint n = 0;

  rapport_store_count_service_queue (f->t.db, queue, RAPPORT_SERVICE_ANY_ASSIGNEE, &n, &error);
  g_assert_no_error (error);
  return n;
}

/* The dialog */

/* A new request: Save waits for a summary; the priority shows how the rule
 * derived it from the tier and the severity, and can be set by hand. */
static void
test_dialog_priority (void)
{
  Fixture f = { 0 };
  g_autofree char *expected = rapport_service_priority_explain (RAPPORT_TIER_GOLD, RAPPORT_SERVICE_SEVERITY_HIGH);
  g_autofree char *normal = rapport_service_priority_explain (RAPPORT_TIER_GOLD, RAPPORT_SERVICE_SEVERITY_NORMAL);
  g_autoptr (GListModel) open = NULL;
  g_autoptr (RapportServiceRequest) saved = NULL;
  GtkWidget *dialog;
  GtkWidget *override_row;
  GtkWidget *toggle;

  fixture_set_up (&f);

  dialog = rapport_service_request_dialog_new (GTK_WINDOW (f.window), f.t.session, f.customer_id, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_spin ();

  /* No summary, no save; spaces are no summary either. */
  g_assert_false (gtk_widget_is_sensitive (find_titled (dialog, GTK_TYPE_BUTTON, "Save")));
  type_into (dialog, "Summary", "   ");
  shell_test_spin ();
  g_assert_false (gtk_widget_is_sensitive (find_titled (dialog, GTK_TYPE_BUTTON, "Save")));
  g_assert_true (shows_text (dialog, "Enter a summary"));
  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_spin ();
  g_assert_cmpuint (count_queue (&f, RAPPORT_SERVICE_QUEUE_OPEN), ==, 0);

  /* Normal severity at first, then high: the line follows. */
  g_assert_cmpstr (rapport_service_request_dialog_get_priority_text (RAPPORT_SERVICE_REQUEST_DIALOG (dialog)), ==,
                   normal);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_titled (dialog, ADW_TYPE_COMBO_ROW, "Severity")),
                              RAPPORT_SERVICE_SEVERITY_HIGH);
  shell_test_spin ();
  g_assert_cmpstr (rapport_service_request_dialog_get_priority_text (RAPPORT_SERVICE_REQUEST_DIALOG (dialog)), ==,
                   expected);
  g_assert_true (shows_text (dialog, expected));
  g_assert_nonnull (strstr (expected, "Gold"));

  /* Set by hand: the rule's value stays in view. */
  override_row = find_titled (dialog, ADW_TYPE_COMBO_ROW, "Priority");
  g_assert_false (is_shown (override_row));
  toggle = shell_test_find_widget (find_titled (dialog, ADW_TYPE_ACTION_ROW, "Set Priority by Hand"), is_switch, NULL);
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  shell_test_spin ();
  g_assert_true (is_shown (override_row));
  adw_combo_row_set_selected (ADW_COMBO_ROW (override_row), 0);
  shell_test_spin ();
  g_assert_true (g_str_has_prefix (rapport_service_request_dialog_get_priority_text (RAPPORT_SERVICE_REQUEST_DIALOG (dialog)),
                                   "Set by hand to P1"));
  g_assert_nonnull (strstr (rapport_service_request_dialog_get_priority_text (RAPPORT_SERVICE_REQUEST_DIALOG (dialog)),
                            expected));

  type_into (dialog, "Summary", "门窗漏水");
  shell_test_spin ();
  g_assert_true (gtk_widget_is_sensitive (find_titled (dialog, GTK_TYPE_BUTTON, "Save")));
  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_wait_for (dialog_gone_cb, NULL);

  open = rapport_store_list_service_queue (f.t.db, RAPPORT_SERVICE_QUEUE_OPEN, RAPPORT_SERVICE_ANY_ASSIGNEE,
                                           0, 10, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (open), ==, 1);
  saved = g_list_model_get_item (open, 0);
  g_assert_cmpstr (rapport_service_request_get_summary (saved), ==, "门窗漏水");
  g_assert_cmpint (rapport_service_request_get_severity (saved), ==, RAPPORT_SERVICE_SEVERITY_HIGH);
  g_assert_cmpint (rapport_service_request_get_priority (saved), ==, 1);
  g_assert_true (rapport_service_request_get_priority_overridden (saved));
  /* Due the P1 target after now (4 h by default). */
  g_assert_cmpint (rapport_service_request_get_due_at (saved), ==, TEST_NOW + 4 * HOUR);

  fixture_tear_down (&f);
}

/* The targets from Preferences reach the due time through the session. */
static void
test_dialog_targets (void)
{
  Fixture f = { 0 };
  RapportServiceTargets targets;
  g_autoptr (GListModel) open = NULL;
  g_autoptr (RapportServiceRequest) saved = NULL;
  GtkWidget *dialog;
  gint priority = rapport_service_priority_compute (RAPPORT_TIER_GOLD, RAPPORT_SERVICE_SEVERITY_NORMAL);

  fixture_set_up (&f);

  rapport_service_targets_init_default (&targets);
  targets.hours[priority - 1] = 50;
  rapport_session_set_service_targets (f.t.session, &targets);

  dialog = rapport_service_request_dialog_new (GTK_WINDOW (f.window), f.t.session, f.customer_id, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  type_into (dialog, "Summary", "咨询报价");
  shell_test_spin ();
  g_assert_true (shows_text (dialog, "in 2 days"));
  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_wait_for (dialog_gone_cb, NULL);

  open = rapport_store_list_service_queue (f.t.db, RAPPORT_SERVICE_QUEUE_OPEN, RAPPORT_SERVICE_ANY_ASSIGNEE,
                                           0, 10, NULL);
  saved = g_list_model_get_item (open, 0);
  g_assert_cmpint (rapport_service_request_get_due_at (saved), ==, TEST_NOW + 50 * HOUR);

  fixture_tear_down (&f);
}

/* A complaint's reply waits for the customer's owner: anyone else confirming
 * is refused with the store's reason; the owner's confirmation is recorded
 * and lets the reply go. */
static void
test_dialog_complaint_confirmation (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportServiceRequest) request = NULL;
  gint64 id;
  GtkWidget *dialog;
  GtkWidget *confirmer;
  const char *reason;

  fixture_set_up (&f);

  id = add_request (&f, RAPPORT_SERVICE_KIND_COMPLAINT, "送货延误三天", 0);
  rapport_store_set_service_resolution (f.t.db, id, "免运费并道歉", &error);
  g_assert_no_error (error);

  dialog = rapport_service_request_dialog_new (GTK_WINDOW (f.window), f.t.session, f.customer_id, id);
  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_spin ();

  reason = rapport_service_request_dialog_get_reply_blocked_reason (RAPPORT_SERVICE_REQUEST_DIALOG (dialog));
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, "王销售"));
  g_assert_true (shows_text (dialog, reason));
  g_assert_false (gtk_widget_is_sensitive (find_menu_button (dialog, "Send Reply…")));
  g_assert_false (gtk_widget_is_sensitive (find_menu_button (dialog, "Mark as Replied")));

  /* Someone else confirming is refused, with the store's reason. */
  confirmer = find_titled (dialog, RAPPORT_TYPE_STAFF_ROW, "Confirmed By");
  g_assert_cmpint (rapport_staff_row_get_user_id (RAPPORT_STAFF_ROW (confirmer)), ==, f.owner_id);
  rapport_staff_row_set_user_id (RAPPORT_STAFF_ROW (confirmer), f.other_id);
  g_assert_true (gtk_widget_activate_action (dialog, "request.confirm", NULL));
  shell_test_spin ();
  g_assert_cmpstr (rapport_editor_dialog_get_banner (RAPPORT_EDITOR_DIALOG (dialog)), ==,
                   "Only the customer’s owner can confirm the resolution");
  request = get_request (&f, id);
  g_assert_cmpint (rapport_service_request_get_confirmed_at (request), ==, 0);
  g_assert_nonnull (rapport_service_request_dialog_get_reply_blocked_reason (RAPPORT_SERVICE_REQUEST_DIALOG (dialog)));
  g_clear_object (&request);

  /* The owner confirms: who and when are recorded and shown. */
  rapport_staff_row_set_user_id (RAPPORT_STAFF_ROW (confirmer), f.owner_id);
  g_assert_true (gtk_widget_activate_action (dialog, "request.confirm", NULL));
  shell_test_spin ();
  g_assert_null (rapport_editor_dialog_get_banner (RAPPORT_EDITOR_DIALOG (dialog)));
  request = get_request (&f, id);
  g_assert_cmpint (rapport_service_request_get_confirmed_by (request), ==, f.owner_id);
  g_assert_cmpint (rapport_service_request_get_confirmed_at (request), ==, TEST_NOW);
  g_clear_object (&request);
  g_assert_true (shows_text (dialog, "Confirmed by 王销售"));
  g_assert_null (rapport_service_request_dialog_get_reply_blocked_reason (RAPPORT_SERVICE_REQUEST_DIALOG (dialog)));
  g_assert_true (gtk_widget_is_sensitive (find_menu_button (dialog, "Send Reply…")));
  g_assert_true (gtk_widget_is_sensitive (find_menu_button (dialog, "Mark as Replied")));

  /* Send Reply… writes to the customer with the resolution as the text. */
  g_assert_true (gtk_widget_activate_action (dialog, "request.send-reply", "i", (gint32) RAPPORT_CHANNEL_SMS));
  shell_test_spin ();
  {
    GtkWidget *compose = GTK_WIDGET (shell_test_find_toplevel (RAPPORT_TYPE_COMPOSE_DIALOG, NULL));
    GtkTextBuffer *buffer;
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    g_assert_nonnull (compose);
    g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (compose)) == GTK_WINDOW (dialog));
    g_assert_cmpint (rapport_compose_dialog_get_channel (RAPPORT_COMPOSE_DIALOG (compose)), ==, RAPPORT_CHANNEL_SMS);
    buffer = gtk_text_view_get_buffer (nth_text_view (compose, 0));
    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "免运费并道歉");
    gtk_window_destroy (GTK_WINDOW (compose));
    shell_test_spin ();
  }

  /* Replied by phone: recorded, in the history too. */
  g_assert_true (gtk_widget_activate_action (dialog, "request.mark-replied", "i",
                                             (gint32) RAPPORT_SERVICE_REPLY_CHANNEL_PHONE));
  shell_test_spin ();
  request = get_request (&f, id);
  g_assert_cmpint (rapport_service_request_get_replied_at (request), ==, TEST_NOW);
  g_assert_cmpint (rapport_service_request_get_reply_channel (request), ==, RAPPORT_SERVICE_REPLY_CHANNEL_PHONE);
  g_assert_true (shows_text (dialog, rapport_service_event_kind_get_label (RAPPORT_SERVICE_EVENT_REPLIED)));

  fixture_tear_down (&f);
}

/* Assigning, the status moves, the resolution and satisfaction, as the
 * workflow's buttons write them. */
static gboolean
is_undo_button (GtkWidget *widget,
                gpointer   data)
{
  g_autofree char *plain = NULL;

  if (!GTK_IS_BUTTON (widget))
    return FALSE;

  plain = strip_underline (gtk_button_get_label (GTK_BUTTON (widget)));
  return g_strcmp0 (plain, "Undo") == 0;
}

static void
test_dialog_workflow (void)
{
  Fixture f = { 0 };
  g_autoptr (RapportServiceRequest) request = NULL;
  gint64 id;
  GtkWidget *dialog;
  GtkWidget *undo;

  fixture_set_up (&f);

  id = add_request (&f, RAPPORT_SERVICE_KIND_INQUIRY, "门锁型号咨询", 0);
  dialog = rapport_service_request_dialog_new (GTK_WINDOW (f.window), f.t.session, f.customer_id, id);
  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_spin ();

  /* A new request has no status button: assigning moves it. */
  g_assert_null (find_titled (dialog, GTK_TYPE_BUTTON, "Start Work"));
  rapport_staff_row_set_user_id (RAPPORT_STAFF_ROW (find_titled (dialog, RAPPORT_TYPE_STAFF_ROW, "Assignee")),
                                 f.other_id);
  shell_test_spin ();
  g_assert_null (rapport_editor_dialog_get_banner (RAPPORT_EDITOR_DIALOG (dialog)));
  request = get_request (&f, id);
  g_assert_cmpint (rapport_service_request_get_status (request), ==, RAPPORT_SERVICE_STATUS_ASSIGNED);
  g_assert_cmpint (rapport_service_request_get_assignee_id (request), ==, f.other_id);
  g_clear_object (&request);

  click_button (dialog, "Start Work");
  g_assert_null (rapport_editor_dialog_get_banner (RAPPORT_EDITOR_DIALOG (dialog)));
  request = get_request (&f, id);
  g_assert_cmpint (rapport_service_request_get_status (request), ==, RAPPORT_SERVICE_STATUS_IN_PROGRESS);
  g_clear_object (&request);
  /* The second text view: details, then the resolution. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (nth_text_view (dialog, 1)), "型号 A-200", -1);
  click_button (dialog, "Resolve");
  request = get_request (&f, id);
  g_assert_cmpint (rapport_service_request_get_status (request), ==, RAPPORT_SERVICE_STATUS_RESOLVED);
  g_assert_cmpint (rapport_service_request_get_resolved_at (request), ==, TEST_NOW);
  g_clear_object (&request);
  g_assert_nonnull (find_titled (dialog, GTK_TYPE_BUTTON, "Reopen"));

  /* Satisfaction, once resolved. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_titled (dialog, ADW_TYPE_COMBO_ROW, "Rating")), 4);
  type_into (dialog, "Comment", "回复很快");
  click_button (dialog, "Record Satisfaction");
  request = get_request (&f, id);
  g_assert_cmpint (rapport_service_request_get_satisfaction (request), ==, 4);
  g_assert_cmpstr (rapport_service_request_get_satisfaction_comment (request), ==, "回复很快");
  g_assert_true (shows_text (dialog, "Status: In Progress → Resolved"));
  g_clear_object (&request);

  /* Into the Trash, and back with Undo in the window it was opened from. */
  click_button (dialog, "Move to Trash");
  shell_test_wait_for (dialog_gone_cb, NULL);
  request = get_request (&f, id);
  g_assert_cmpint (rapport_service_request_get_deleted_at (request), !=, 0);
  g_clear_object (&request);
  undo = shell_test_find_widget (f.window, is_undo_button, NULL);
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  shell_test_spin ();
  request = get_request (&f, id);
  g_assert_cmpint (rapport_service_request_get_deleted_at (request), ==, 0);

  fixture_tear_down (&f);
}

/* The Service section */

static GArray *
listed_ids (RapportServicePage *page)
{
  GListModel *model = rapport_service_page_get_model (page);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (RapportServiceRequest) request = g_list_model_get_item (model, i);
      gint64 id = rapport_service_request_get_id (request);

      g_array_append_val (ids, id);
    }

  return ids;
}

static void
assert_listed (RapportServicePage  *page,
               RapportServiceQueue  queue,
               const gint64        *expected,
               guint                n_expected)
{
  g_autoptr (GArray) ids = NULL;

  rapport_service_page_set_queue (page, queue);
  shell_test_spin ();
  ids = listed_ids (page);
  g_assert_cmpuint (ids->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, expected[i]);
}

typedef struct
{
  RapportServicePage *page;
  guint               n;
} Listed;

static gboolean
lists_n_cb (gpointer data)
{
  Listed *l = data;

  return g_list_model_get_n_items (rapport_service_page_get_model (l->page)) == l->n;
}

static void
test_page_queues (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  gint64 me;
  gint64 later_p3, p1, early_p3, closed;
  GtkWidget *page;
  Listed listed;

  fixture_set_up (&f);
  me = rapport_store_get_default_user_id (f.t.db, &error);
  g_assert_no_error (error);

  /* Two P3 an hour apart (due 24 h after each), a P1 due in 4 h. */
  early_p3 = add_request (&f, RAPPORT_SERVICE_KIND_INQUIRY, "早的 P3", 3);
  rapport_clock_advance (f.t.clock, HOUR);
  later_p3 = add_request (&f, RAPPORT_SERVICE_KIND_SUGGESTION, "晚的 P3", 3);
  p1 = add_request (&f, RAPPORT_SERVICE_KIND_COMPLAINT, "紧急 P1", 1);
  closed = add_request (&f, RAPPORT_SERVICE_KIND_INQUIRY, "已关闭", 2);
  rapport_store_assign_service_request (f.t.db, later_p3, me, &error);
  g_assert_no_error (error);
  rapport_store_assign_service_request (f.t.db, closed, f.other_id, &error);
  g_assert_no_error (error);
  rapport_store_set_service_request_status (f.t.db, closed, RAPPORT_SERVICE_STATUS_IN_PROGRESS, NULL, &error);
  g_assert_no_error (error);
  rapport_store_set_service_request_status (f.t.db, closed, RAPPORT_SERVICE_STATUS_RESOLVED, NULL, &error);
  g_assert_no_error (error);
  rapport_store_set_service_request_status (f.t.db, closed, RAPPORT_SERVICE_STATUS_CLOSED, NULL, &error);
  g_assert_no_error (error);
  rapport_store_set_service_satisfaction (f.t.db, closed, 4, NULL, &error);
  g_assert_no_error (error);
  /* Five hours on, the P1 is an hour overdue. */
  rapport_clock_advance (f.t.clock, 5 * HOUR);

  page = rapport_service_page_new ();
  g_object_ref_sink (page);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (f.overlay), page);
  rapport_service_page_set_session (RAPPORT_SERVICE_PAGE (page), f.t.session);
  shell_test_spin ();

  assert_listed (RAPPORT_SERVICE_PAGE (page), RAPPORT_SERVICE_QUEUE_MINE, (gint64[]) { later_p3 }, 1);
  assert_listed (RAPPORT_SERVICE_PAGE (page), RAPPORT_SERVICE_QUEUE_UNASSIGNED, (gint64[]) { p1, early_p3 }, 2);
  assert_listed (RAPPORT_SERVICE_PAGE (page), RAPPORT_SERVICE_QUEUE_OVERDUE, (gint64[]) { p1 }, 1);
  g_assert_true (shows_text (page, "Overdue by 1 h"));
  assert_listed (RAPPORT_SERVICE_PAGE (page), RAPPORT_SERVICE_QUEUE_OPEN,
                 (gint64[]) { p1, early_p3, later_p3 }, 3);
  assert_listed (RAPPORT_SERVICE_PAGE (page), RAPPORT_SERVICE_QUEUE_CLOSED, (gint64[]) { closed }, 1);
  g_assert_cmpuint (rapport_service_page_get_n_mine (RAPPORT_SERVICE_PAGE (page)), ==, 1);
  g_assert_cmpuint (rapport_service_page_get_count (RAPPORT_SERVICE_PAGE (page), RAPPORT_SERVICE_QUEUE_OPEN), ==, 3);
  g_assert_cmpuint (rapport_service_page_get_count (RAPPORT_SERVICE_PAGE (page), RAPPORT_SERVICE_QUEUE_OVERDUE), ==, 1);

  /* The averages per kind and per assignee. */
  g_assert_nonnull (strstr (rapport_service_page_get_averages_text (RAPPORT_SERVICE_PAGE (page)), "Inquiry 4.0 (1)"));
  g_assert_nonnull (strstr (rapport_service_page_get_averages_text (RAPPORT_SERVICE_PAGE (page)), "李质检 4.0 (1)"));

  /* The assignee filter: only theirs, and an empty queue says so. */
  rapport_service_page_set_assignee_id (RAPPORT_SERVICE_PAGE (page), f.other_id);
  assert_listed (RAPPORT_SERVICE_PAGE (page), RAPPORT_SERVICE_QUEUE_CLOSED, (gint64[]) { closed }, 1);
  assert_listed (RAPPORT_SERVICE_PAGE (page), RAPPORT_SERVICE_QUEUE_OPEN, NULL, 0);
  g_assert_true (shows_text (page, "No Open Requests"));
  rapport_service_page_set_assignee_id (RAPPORT_SERVICE_PAGE (page), 0);
  assert_listed (RAPPORT_SERVICE_PAGE (page), RAPPORT_SERVICE_QUEUE_OPEN, (gint64[]) { p1, early_p3 }, 2);
  rapport_service_page_set_assignee_id (RAPPORT_SERVICE_PAGE (page), RAPPORT_SERVICE_ANY_ASSIGNEE);

  /* A new request comes from the bus, in its place. */
  assert_listed (RAPPORT_SERVICE_PAGE (page), RAPPORT_SERVICE_QUEUE_OPEN,
                 (gint64[]) { p1, early_p3, later_p3 }, 3);
  add_request (&f, RAPPORT_SERVICE_KIND_AFTER_SALES, "又一个 P1", 1);
  listed = (Listed) { RAPPORT_SERVICE_PAGE (page), 4 };
  shell_test_wait_for (lists_n_cb, &listed);
  g_assert_cmpuint (rapport_service_page_get_count (RAPPORT_SERVICE_PAGE (page), RAPPORT_SERVICE_QUEUE_OPEN), ==, 4);

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (f.overlay), NULL);
  rapport_service_page_set_session (RAPPORT_SERVICE_PAGE (page), NULL);
  g_assert_finalize_object (page);
  fixture_tear_down (&f);
}

/* The list is read a chunk at a time: the rest comes at the end of the
 * scroll, in order, and a change on the bus keeps what was read. */
static gboolean
is_scrolled_window (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_SCROLLED_WINDOW (widget) && gtk_widget_get_ancestor (widget, GTK_TYPE_DROP_DOWN) == NULL &&
         GTK_IS_LIST_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (widget)));
}

static gboolean
open_count_is_cb (gpointer data)
{
  Listed *l = data;

  return rapport_service_page_get_count (l->page, RAPPORT_SERVICE_QUEUE_OPEN) == l->n;
}

static void
test_page_chunks (void)
{
  Fixture f = { 0 };
  guint n = RAPPORT_SERVICE_PAGE_CHUNK + 20;
  GtkWidget *page;
  GtkWidget *scrolled;
  GListModel *model;
  gint last_priority = 0;
  gint64 last_due = 0;
  Listed listed;

  fixture_set_up (&f);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *summary = g_strdup_printf ("请求 %u", i);

      add_request (&f, RAPPORT_SERVICE_KIND_INQUIRY, summary, 1 + i % 4);
      rapport_clock_advance (f.t.clock, 60);
    }

  page = rapport_service_page_new ();
  g_object_ref_sink (page);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (f.overlay), page);
  rapport_service_page_set_session (RAPPORT_SERVICE_PAGE (page), f.t.session);
  rapport_service_page_set_queue (RAPPORT_SERVICE_PAGE (page), RAPPORT_SERVICE_QUEUE_OPEN);
  shell_test_spin ();

  model = rapport_service_page_get_model (RAPPORT_SERVICE_PAGE (page));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, RAPPORT_SERVICE_PAGE_CHUNK);
  g_assert_cmpuint (rapport_service_page_get_count (RAPPORT_SERVICE_PAGE (page), RAPPORT_SERVICE_QUEUE_OPEN), ==, n);

  scrolled = shell_test_find_widget (page, is_scrolled_window, NULL);
  g_assert_nonnull (scrolled);
  g_signal_emit_by_name (scrolled, "edge-reached", GTK_POS_BOTTOM);
  shell_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);

  /* By priority, then due time, across the chunks. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RapportServiceRequest) request = g_list_model_get_item (model, i);
      gint priority = rapport_service_request_get_priority (request);
      gint64 due = rapport_service_request_get_due_at (request);

      g_assert_cmpint (priority, >=, last_priority);
      if (priority == last_priority)
        g_assert_cmpint (due, >=, last_due);
      last_priority = priority;
      last_due = due;
    }

  /* A change re-reads the span that was read, not just the first chunk:
   * the new P1 comes in after the other P1s, and the span keeps its length. */
  add_request (&f, RAPPORT_SERVICE_KIND_COMPLAINT, "最新的 P1", 1);
  listed = (Listed) { RAPPORT_SERVICE_PAGE (page), n + 1 };
  shell_test_wait_for (open_count_is_cb, &listed);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  {
    g_autoptr (RapportServiceRequest) request = g_list_model_get_item (model, (n + 3) / 4);

    g_assert_cmpstr (rapport_service_request_get_summary (request), ==, "最新的 P1");
  }

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (f.overlay), NULL);
  rapport_service_page_set_session (RAPPORT_SERVICE_PAGE (page), NULL);
  g_assert_finalize_object (page);
  fixture_tear_down (&f);
}

/* The customer page */

typedef struct
{
  GtkWidget  *root;
  const char *text;
} ShowsText;

static gboolean
shows_text_cb (gpointer data)
{
  ShowsText *st = data;

  return shows_text (st->root, st->text);
}

static gboolean
is_service_group (GtkWidget *widget,
                  gpointer   data)
{
  return RAPPORT_IS_CUSTOMER_SERVICE_GROUP (widget);
}

static void
test_customer_page_requests (void)
{
  Fixture f = { 0 };
  GtkWidget *page;
  GtkWidget *group;
  ShowsText st;

  fixture_set_up (&f);
  add_request (&f, RAPPORT_SERVICE_KIND_COMPLAINT, "地板起翘", 2);

  page = rapport_customer_page_new ();
  g_object_ref_sink (page);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (f.overlay), page);
  rapport_customer_page_set_session (RAPPORT_CUSTOMER_PAGE (page), f.t.session);
  rapport_customer_page_set_customer_id (RAPPORT_CUSTOMER_PAGE (page), f.customer_id);
  shell_test_spin ();

  g_assert_true (shows_text (page, "Service Requests"));
  g_assert_true (shows_text (page, "地板起翘"));
  g_assert_true (shows_text (page, "Complaint"));
  g_assert_true (shows_text (page, "Due in 8 h"));

  /* From the bus: a new request shows; time passing flags the first overdue. */
  rapport_clock_advance (f.t.clock, 9 * HOUR);
  add_request (&f, RAPPORT_SERVICE_KIND_INQUIRY, "询问保修期", 0);
  st = (ShowsText) { page, "询问保修期" };
  shell_test_wait_for (shows_text_cb, &st);
  g_assert_true (shows_text (page, "Overdue by 1 h"));

  /* "New Request" opens the dialog on this customer. */
  group = shell_test_find_widget (page, is_service_group, NULL);
  g_assert_nonnull (group);
  g_assert_true (gtk_widget_activate_action (group, "service.new-request", NULL));
  shell_test_spin ();
  g_assert_nonnull (shell_test_find_toplevel (RAPPORT_TYPE_SERVICE_REQUEST_DIALOG, NULL));

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (f.overlay), NULL);
  rapport_customer_page_set_session (RAPPORT_CUSTOMER_PAGE (page), NULL);
  g_assert_finalize_object (page);
  fixture_tear_down (&f);
}

int
main (int   argc,
      char *argv[])
{
  shell_test_init (&argc, &argv);

  g_test_add_func ("/ui/service/dialog/priority", test_dialog_priority);
  g_test_add_func ("/ui/service/dialog/targets", test_dialog_targets);
  g_test_add_func ("/ui/service/dialog/complaint-confirmation", test_dialog_complaint_confirmation);
  g_test_add_func ("/ui/service/dialog/workflow", test_dialog_workflow);
  g_test_add_func ("/ui/service/page/queues", test_page_queues);
  g_test_add_func ("/ui/service/page/chunks", test_page_chunks);
  g_test_add_func ("/ui/service/customer-page", test_customer_page_requests);

  return shell_test_run ();
}
