/* test-date-row.c
 *
 * Dates and times picked as well as typed: the rows on their own (the
 * picker opens on what is typed, a pick writes the text the validation
 * reads), and in each editor that takes a date or a time, through to what
 * is saved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-contact-dialog.h"
#include "rapport-customer-dialog.h"
#include "rapport-date-row.h"
#include "rapport-interaction-dialog.h"
#include "rapport-order-dialog.h"
#include "rapport-store.h"
#include "rapport-time-row.h"

#include "shell-test-utils.h"

static gboolean
is_of_type (GtkWidget *widget,
            gpointer   data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static GtkWidget *
find_child (GtkWidget *root,
            GType      type)
{
  GtkWidget *found = shell_test_find_widget (root, is_of_type, GSIZE_TO_POINTER (type));

  g_assert_nonnull (found);
  return found;
}

/* Opens the row's picker as a click on its button would. */
/* Under X11 a popover is placed on its window's monitor, which the window
 * has only once the server has mapped it: without a window manager that can
 * come a few main-loop turns after it was presented. */
static gboolean
on_a_monitor_cb (gpointer data)
{
  GtkNative *native = gtk_widget_get_native (data);
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;

  return surface != NULL &&
         gdk_display_get_monitor_at_surface (gtk_widget_get_display (data), surface) != NULL;
}

/* The row in view, as a user scrolls to it: a popover anchored below the
 * dialog's fold would be placed off the screen. */
static void
scroll_into_view (GtkWidget *row)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  double x, y;

  if (scrolled == NULL)
    return;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_true (gtk_widget_translate_coordinates (row, scrolled, 0, 0, &x, &y));
  if (y + gtk_widget_get_height (row) > gtk_widget_get_height (scrolled))
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + y - 12);
      shell_test_flush ();
    }
}

static GtkPopover *
open_picker (GtkWidget *row)
{
  GtkWidget *button = find_child (row, GTK_TYPE_MENU_BUTTON);
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));

  /* A keyboard user reaches it with Tab; its icon has a name to read out. */
  g_assert_true (gtk_widget_get_focusable (button) || gtk_widget_get_focusable (gtk_widget_get_first_child (button)));
  g_assert_nonnull (gtk_widget_get_tooltip_text (button));

  /* As a user would, with the row in view: a longer form (an owner row, say)
   * can put it below the dialog's fold, and a popover anchored off-screen
   * has no monitor under X11. */
  shell_test_wait_for (on_a_monitor_cb, row);
  scroll_into_view (row);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  shell_test_spin ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));

  return popover;
}

static char *
calendar_date (GtkPopover *popover)
{
  g_autoptr (GDateTime) date = gtk_calendar_get_date (GTK_CALENDAR (find_child (GTK_WIDGET (popover), GTK_TYPE_CALENDAR)));

  return g_date_time_format (date, "%Y-%m-%d");
}

/* A day clicked in the calendar (or chosen with the arrow keys and Space). */
static void
pick_day (GtkPopover *popover,
          int         year,
          int         month,
          int         day)
{
  g_autoptr (GDateTime) date = g_date_time_new_local (year, month, day, 0, 0, 0);

  gtk_calendar_select_day (GTK_CALENDAR (find_child (GTK_WIDGET (popover), GTK_TYPE_CALENDAR)), date);
  shell_test_spin ();
}

static GtkWidget *
window_with (GtkWidget *row)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_present (GTK_WINDOW (window));
  shell_test_spin ();

  return window;
}

static void
test_date_row (void)
{
  GtkWidget *row = rapport_date_row_new ();
  GtkWidget *window = window_with (row);
  GtkPopover *popover;
  g_autofree char *shown = NULL;
  g_autofree char *still = NULL;

  g_assert_true (ADW_IS_ENTRY_ROW (row));

  /* Typed as before. */
  gtk_editable_set_text (GTK_EDITABLE (row), "2024-02-29");

  /* The calendar opens on the date typed. */
  popover = open_picker (row);
  shown = calendar_date (popover);
  g_assert_cmpstr (shown, ==, "2024-02-29");

  /* Going to another month picks nothing. */
  g_object_set (find_child (GTK_WIDGET (popover), GTK_TYPE_CALENDAR), "month", 5, NULL);
  shell_test_spin ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "2024-02-29");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));

  /* A day picked is written as YYYY-MM-DD, and the calendar closes. */
  pick_day (popover, 2024, 6, 5);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "2024-06-05");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));

  /* Text that is no date leaves the calendar where it was; the validation
   * of the form, not the row, says what is wrong. */
  gtk_editable_set_text (GTK_EDITABLE (row), "2024-13-45");
  popover = open_picker (row);
  still = calendar_date (popover);
  g_assert_cmpstr (still, ==, "2024-06-05");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "2024-13-45");
  pick_day (popover, 1987, 12, 31);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "1987-12-31");

  shell_test_destroy_window (GTK_WINDOW (window));
}

static void
test_time_row (void)
{
  GtkWidget *row = rapport_time_row_new ();
  GtkWidget *window = window_with (row);
  GtkPopover *popover;
  GtkSpinButton *hour, *minute;

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), "9:05");

  /* Hour and minute open on the time typed. */
  popover = open_picker (row);
  hour = GTK_SPIN_BUTTON (find_child (GTK_WIDGET (popover), GTK_TYPE_SPIN_BUTTON));
  minute = GTK_SPIN_BUTTON (gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (GTK_WIDGET (hour))));
  g_assert_true (GTK_IS_SPIN_BUTTON (minute));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (hour), ==, 9);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (minute), ==, 5);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hour)), ==, "09");

  /* Each change is written as HH:MM at once. */
  gtk_spin_button_set_value (hour, 14);
  shell_test_spin ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "14:05");
  gtk_spin_button_set_value (minute, 30);
  shell_test_spin ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "14:30");

  /* Back from the first minute it wraps to the last, as a clock does. */
  gtk_spin_button_set_value (minute, 0);
  gtk_spin_button_spin (minute, GTK_SPIN_STEP_BACKWARD, 1);
  shell_test_spin ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "14:59");

  gtk_popover_popdown (popover);
  shell_test_spin ();

  /* Typed text that is no time leaves the spin buttons where they were. */
  gtk_editable_set_text (GTK_EDITABLE (row), "25:99");
  popover = open_picker (row);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (hour), ==, 14);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "25:99");

  /* Closed without a change, the text stays as typed. */
  gtk_popover_popdown (popover);
  shell_test_spin ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "25:99");

  shell_test_destroy_window (GTK_WINDOW (window));
}

static gboolean
dialog_gone_cb (gpointer data)
{
  return shell_test_find_toplevel (GPOINTER_TO_SIZE (data), NULL) == NULL;
}

static GtkWidget *
find_row (GtkWidget  *dialog,
          const char *title)
{
  GtkWidget *row = find_entry_row (dialog, title);

  /* Every date and time an editor takes has its picker. */
  g_assert_true (RAPPORT_IS_DATE_ROW (row) || RAPPORT_IS_TIME_ROW (row));
  return row;
}

static void
test_interaction_dialog (void)
{
  TestDb t = { 0 };
  g_autoptr (GListModel) interactions = NULL;
  g_autoptr (RapportInteraction) logged = NULL;
  g_autoptr (GDateTime) expected = g_date_time_new_local (2026, 3, 2, 16, 45, 0);
  GtkWidget *dialog;
  GtkPopover *popover;
  gint64 customer_id;

  test_db_open (&t);
  customer_id = shell_test_add_customer (t.db, "速阳有限公司", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, NULL);
  dialog = rapport_interaction_dialog_new (NULL, t.session, customer_id, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_spin ();

  type_into (dialog, "Summary", "Visited the showroom");

  /* Now (the clock's) is where the pickers open. */
  popover = open_picker (find_row (dialog, "Date (YYYY-MM-DD)"));
  {
    g_autofree char *today = calendar_date (popover);

    g_assert_cmpstr (today, ==, "2026-03-18");
  }
  pick_day (popover, 2026, 3, 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (dialog, "Date (YYYY-MM-DD)"))), ==, "2026-03-02");

  popover = open_picker (find_row (dialog, "Time (HH:MM)"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_child (GTK_WIDGET (popover), GTK_TYPE_SPIN_BUTTON)), 16);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (find_child (GTK_WIDGET (popover), GTK_TYPE_SPIN_BUTTON)))), 45);
  gtk_popover_popdown (popover);
  shell_test_spin ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (dialog, "Time (HH:MM)"))), ==, "16:45");

  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_wait_for (dialog_gone_cb, GSIZE_TO_POINTER (RAPPORT_TYPE_INTERACTION_DIALOG));

  interactions = rapport_store_list_interactions (t.db, customer_id, 0, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (interactions), ==, 1);
  logged = g_list_model_get_item (interactions, 0);
  g_assert_cmpint (rapport_interaction_get_occurred_at (logged), ==, g_date_time_to_unix (expected));

  test_db_close (&t);
}

static void
test_order_dialog (void)
{
  TestDb t = { 0 };
  g_autoptr (GListModel) orders = NULL;
  g_autoptr (RapportOrder) order = NULL;
  GtkWidget *dialog, *date_row;
  GtkPopover *popover;
  gint64 customer_id;

  test_db_open (&t);
  customer_id = shell_test_add_customer (t.db, "Acme Trading", RAPPORT_STAGE_ACTIVE, RAPPORT_TIER_GOLD, NULL);
  dialog = rapport_order_dialog_new (NULL, t.session, customer_id, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_spin ();

  type_into (dialog, "Amount", "1,280.00");
  date_row = find_row (dialog, "Date (YYYY-MM-DD)");

  /* A date typed wrong shows its error; one picked puts it right. */
  gtk_widget_grab_focus (date_row);
  type_into (dialog, "Date (YYYY-MM-DD)", "2026-02-30");
  gtk_widget_grab_focus (find_entry_row (dialog, "Description"));
  shell_test_spin ();
  g_assert_true (gtk_widget_has_css_class (date_row, "error"));
  g_assert_false (gtk_widget_is_sensitive (find_titled (dialog, GTK_TYPE_BUTTON, "Save")));

  popover = open_picker (date_row);
  pick_day (popover, 2026, 2, 27);
  g_assert_false (gtk_widget_has_css_class (date_row, "error"));
  g_assert_true (gtk_widget_is_sensitive (find_titled (dialog, GTK_TYPE_BUTTON, "Save")));

  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_wait_for (dialog_gone_cb, GSIZE_TO_POINTER (RAPPORT_TYPE_ORDER_DIALOG));

  orders = rapport_store_list_orders (t.db, customer_id, NULL);
  order = g_list_model_get_item (orders, 0);
  g_assert_cmpstr (rapport_order_get_ordered_on (order), ==, "2026-02-27");

  test_db_close (&t);
}

static void
test_birthdays (void)
{
  TestDb t = { 0 };
  g_autoptr (RapportCustomer) customer = NULL;
  g_autoptr (GListModel) contacts = NULL;
  g_autoptr (RapportContact) contact = NULL;
  GtkWidget *dialog;
  GtkPopover *popover;
  gint64 customer_id;

  test_db_open (&t);

  /* A customer's birthday (a person), picked and marked lunar. */
  dialog = rapport_customer_dialog_new (NULL, t.session, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_spin ();
  type_into (dialog, "Name", "单丽");
  popover = open_picker (find_row (dialog, "Birthday (YYYY-MM-DD)"));
  pick_day (popover, 1980, 8, 15);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (dialog, "Birthday (YYYY-MM-DD)"))), ==,
                   "1980-08-15");
  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_wait_for (dialog_gone_cb, GSIZE_TO_POINTER (RAPPORT_TYPE_CUSTOMER_DIALOG));

  customer_id = rapport_store_count_customers (t.db) == 1 ? 1 : 0;
  customer = rapport_store_get_customer (t.db, customer_id, NULL);
  g_assert_nonnull (customer);
  g_assert_cmpstr (rapport_customer_get_birthday (customer), ==, "1980-08-15");

  /* A contact's, in the contact dialog; editing opens on the one stored. */
  dialog = rapport_contact_dialog_new (NULL, t.session, customer_id, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_spin ();
  type_into (dialog, "Name", "王经理");
  popover = open_picker (find_row (dialog, "Birthday (YYYY-MM-DD)"));
  pick_day (popover, 1975, 1, 9);
  gtk_widget_activate_action (dialog, "dialog.save", NULL);
  shell_test_wait_for (dialog_gone_cb, GSIZE_TO_POINTER (RAPPORT_TYPE_CONTACT_DIALOG));

  contacts = rapport_store_list_contacts (t.db, customer_id, NULL);
  contact = g_list_model_get_item (contacts, 0);
  g_assert_cmpstr (rapport_contact_get_birthday (contact), ==, "1975-01-09");

  dialog = rapport_contact_dialog_new (NULL, t.session, customer_id, contact);
  gtk_window_present (GTK_WINDOW (dialog));
  shell_test_spin ();
  popover = open_picker (find_row (dialog, "Birthday (YYYY-MM-DD)"));
  {
    g_autofree char *shown = calendar_date (popover);

    g_assert_cmpstr (shown, ==, "1975-01-09");
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  shell_test_flush ();

  test_db_close (&t);
}

int
main (int   argc,
      char *argv[])
{
  shell_test_init (&argc, &argv);

  g_test_add_func ("/ui/date-row/date", test_date_row);
  g_test_add_func ("/ui/date-row/time", test_time_row);
  g_test_add_func ("/ui/date-row/interaction-dialog", test_interaction_dialog);
  g_test_add_func ("/ui/date-row/order-dialog", test_order_dialog);
  g_test_add_func ("/ui/date-row/birthdays", test_birthdays);

  return shell_test_run ();
}
