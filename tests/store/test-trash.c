/* test-trash.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-database-private.h"
#include "rapport-trash-item.h"
#include "store-test-helpers.h"

typedef struct
{
  RapportCustomer    *acme;
  RapportCustomer    *suyang;
  RapportContact     *li;
  RapportContact     *wang;
  RapportInteraction *call;
  RapportInteraction *note;
  RapportOrder       *order;
} Book;

static void
book_clear (Book *book)
{
  g_clear_object (&book->acme);
  g_clear_object (&book->suyang);
  g_clear_object (&book->li);
  g_clear_object (&book->wang);
  g_clear_object (&book->call);
  g_clear_object (&book->note);
  g_clear_object (&book->order);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Book, book_clear)

/* Acme with contacts Li and Wang, a call with Wang, a note and an order;
 * 速阳 with one tag. */
static void
book_fill (Fixture *fixture,
           Book    *book)
{
  g_autoptr (GError) error = NULL;
  const char *tags[] = { "Export", NULL };
  const char *wang_phones[] = { "13800138000", NULL };

  book->acme = add_customer (fixture->db, "Acme Trading", NULL);
  book->suyang = rapport_customer_new ();
  rapport_customer_set_name (book->suyang, "速阳有限公司");
  rapport_customer_set_tags (book->suyang, tags);
  g_assert_true (rapport_store_insert_customer (fixture->db, book->suyang, &error));

  book->li = rapport_contact_new ();
  rapport_contact_set_customer_id (book->li, rapport_customer_get_id (book->acme));
  rapport_contact_set_name (book->li, "Li Wei");
  g_assert_true (rapport_store_insert_contact (fixture->db, book->li, &error));

  book->wang = rapport_contact_new ();
  rapport_contact_set_customer_id (book->wang, rapport_customer_get_id (book->acme));
  rapport_contact_set_name (book->wang, "Wang Fang");
  rapport_contact_set_phones (book->wang, wang_phones);
  g_assert_true (rapport_store_insert_contact (fixture->db, book->wang, &error));

  book->call = rapport_interaction_new ();
  rapport_interaction_set_customer_id (book->call, rapport_customer_get_id (book->acme));
  rapport_interaction_set_contact_id (book->call, rapport_contact_get_id (book->wang));
  rapport_interaction_set_kind (book->call, RAPPORT_INTERACTION_KIND_CALL);
  rapport_interaction_set_occurred_at (book->call, TEST_NOW - 600);
  rapport_interaction_set_summary (book->call, "Called about the quote");
  g_assert_true (rapport_store_insert_interaction (fixture->db, book->call, &error));

  book->note = rapport_interaction_new ();
  rapport_interaction_set_customer_id (book->note, rapport_customer_get_id (book->acme));
  rapport_interaction_set_kind (book->note, RAPPORT_INTERACTION_KIND_NOTE);
  rapport_interaction_set_occurred_at (book->note, TEST_NOW - 300);
  g_assert_true (rapport_store_insert_interaction (fixture->db, book->note, &error));

  book->order = rapport_order_new ();
  rapport_order_set_customer_id (book->order, rapport_customer_get_id (book->acme));
  rapport_order_set_amount (book->order, 123456);
  rapport_order_set_currency (book->order, "CNY");
  rapport_order_set_description (book->order, "Tiles");
  g_assert_true (rapport_store_insert_order (fixture->db, book->order, &error));
  g_assert_no_error (error);

  fixture_clear_changes (fixture);
}

static RapportTrashItem *
item_at (GListModel *list,
         guint       position)
{
  RapportTrashItem *item = g_list_model_get_item (list, position);

  g_assert_nonnull (item);
  g_object_unref (item);  /* the list keeps it alive */
  return item;
}

static void
test_list_and_restore (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_auto (Book) book = { 0 };
  g_autoptr (GListModel) list = NULL;
  RapportTrashItem *item;

  book_fill (fixture, &book);

  /* Deleted one after the other, a second apart. */
  g_assert_true (rapport_store_trash_contact (fixture->db, rapport_contact_get_id (book.li), &error));
  rapport_clock_advance (fixture->clock, 1);
  g_assert_true (rapport_store_trash_interaction (fixture->db, rapport_interaction_get_id (book.note), &error));
  rapport_clock_advance (fixture->clock, 1);
  g_assert_true (rapport_store_trash_order (fixture->db, rapport_order_get_id (book.order), &error));
  rapport_clock_advance (fixture->clock, 1);
  g_assert_true (rapport_store_trash_customer (fixture->db, rapport_customer_get_id (book.suyang), &error));
  g_assert_no_error (error);

  list = rapport_store_list_trash (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 4);
  g_assert_true (g_list_model_get_item_type (list) == RAPPORT_TYPE_TRASH_ITEM);

  /* Most recently deleted first. */
  item = item_at (list, 0);
  g_assert_cmpint (rapport_trash_item_get_kind (item), ==, RAPPORT_ENTITY_KIND_CUSTOMER);
  g_assert_cmpint (rapport_trash_item_get_id (item), ==, rapport_customer_get_id (book.suyang));
  g_assert_cmpstr (rapport_trash_item_get_title (item), ==, "速阳有限公司");
  g_assert_cmpstr (rapport_trash_item_get_subtitle (item), ==, rapport_customer_get_code (book.suyang));
  g_assert_cmpint (rapport_trash_item_get_deleted_at (item), ==, TEST_NOW + 3);

  item = item_at (list, 1);
  g_assert_cmpint (rapport_trash_item_get_kind (item), ==, RAPPORT_ENTITY_KIND_ORDER);
  g_assert_nonnull (g_strstr_len (rapport_trash_item_get_title (item), -1, "Tiles"));
  g_assert_cmpstr (rapport_trash_item_get_subtitle (item), ==, "Acme Trading");

  item = item_at (list, 2);
  g_assert_cmpint (rapport_trash_item_get_kind (item), ==, RAPPORT_ENTITY_KIND_INTERACTION);
  /* A note without a summary is named by its kind. */
  g_assert_cmpstr (rapport_trash_item_get_title (item), ==,
                   rapport_interaction_kind_get_label (RAPPORT_INTERACTION_KIND_NOTE));

  item = item_at (list, 3);
  g_assert_cmpint (rapport_trash_item_get_kind (item), ==, RAPPORT_ENTITY_KIND_CONTACT);
  g_assert_cmpstr (rapport_trash_item_get_title (item), ==, "Li Wei");
  g_assert_cmpint (rapport_trash_item_get_deleted_at (item), ==, TEST_NOW);
  g_clear_object (&list);

  /* A customer in the Trash hides its dependants from the Trash list too:
   * they come back with it. */
  g_assert_true (rapport_store_trash_customer (fixture->db, rapport_customer_get_id (book.acme), &error));
  list = rapport_store_list_trash (fixture->db, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  g_clear_object (&list);
  fixture_clear_changes (fixture);

  g_assert_true (rapport_store_restore_trash_item (fixture->db, RAPPORT_ENTITY_KIND_CUSTOMER,
                                                   rapport_customer_get_id (book.acme), &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_CUSTOMER, rapport_customer_get_id (book.acme), RAPPORT_CHANGE_RESTORED);

  g_assert_true (rapport_store_restore_trash_item (fixture->db, RAPPORT_ENTITY_KIND_ORDER,
                                                   rapport_order_get_id (book.order), &error));
  g_assert_true (rapport_store_restore_trash_item (fixture->db, RAPPORT_ENTITY_KIND_INTERACTION,
                                                   rapport_interaction_get_id (book.note), &error));
  g_assert_true (rapport_store_restore_trash_item (fixture->db, RAPPORT_ENTITY_KIND_CONTACT,
                                                   rapport_contact_get_id (book.li), &error));
  g_assert_no_error (error);

  list = rapport_store_list_trash (fixture->db, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_clear_object (&list);

  g_assert_false (rapport_store_restore_trash_item (fixture->db, RAPPORT_ENTITY_KIND_TAG, 1, &error));
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
}

static gint64
count_rows (Fixture    *fixture,
            const char *sql)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);

  return n;
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_auto (Book) book = { 0 };
  g_autoptr (GListModel) list = NULL;
  g_autoptr (RapportCustomer) gone = NULL;
  g_autoptr (RapportInteraction) call = NULL;
  gint64 acme_id, suyang_id, wang_id, call_id;

  book_fill (fixture, &book);
  acme_id = rapport_customer_get_id (book.acme);
  suyang_id = rapport_customer_get_id (book.suyang);
  wang_id = rapport_contact_get_id (book.wang);
  call_id = rapport_interaction_get_id (book.call);

  g_assert_true (rapport_store_trash_customer (fixture->db, suyang_id, &error));
  g_assert_true (rapport_store_trash_contact (fixture->db, wang_id, &error));
  g_assert_true (rapport_store_trash_order (fixture->db, rapport_order_get_id (book.order), &error));
  fixture_clear_changes (fixture);

  g_assert_true (rapport_store_empty_trash (fixture->db, NULL, &error));
  g_assert_no_error (error);
  /* Customers go first (each with what it holds), then the rows of live
   * customers, each naming its customer; the tags no one uses, last. */
  g_assert_cmpint (recorded_customer (fixture, 1), ==, acme_id);
  g_assert_cmpint (recorded_customer (fixture, 2), ==, acme_id);
  assert_changes (fixture, 4,
                  RAPPORT_ENTITY_KIND_CUSTOMER, suyang_id, RAPPORT_CHANGE_DELETED,
                  RAPPORT_ENTITY_KIND_CONTACT, wang_id, RAPPORT_CHANGE_DELETED,
                  RAPPORT_ENTITY_KIND_ORDER, rapport_order_get_id (book.order), RAPPORT_CHANGE_DELETED,
                  RAPPORT_ENTITY_KIND_TAG, (gint64) 1, RAPPORT_CHANGE_DELETED);

  list = rapport_store_list_trash (fixture->db, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_clear_object (&list);

  gone = rapport_store_get_customer (fixture->db, suyang_id, &error);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Gone for good with their dependants; the call survives without Wang. */
  g_assert_cmpint (count_rows (fixture, "SELECT count (*) FROM contact"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count (*) FROM channel"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count (*) FROM orders"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count (*) FROM tag"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count (*) FROM customer_tag"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count (*) FROM customer"), ==, 1);

  list = rapport_store_list_interactions (fixture->db, acme_id, 0, &error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  call = g_list_model_get_item (list, 1);
  g_assert_cmpint (rapport_interaction_get_id (call), ==, call_id);
  g_assert_cmpint (rapport_interaction_get_contact_id (call), ==, 0);
  g_assert_null (rapport_interaction_get_contact_name (call));

  /* Emptying an empty Trash is fine and quiet. */
  g_assert_true (rapport_store_empty_trash (fixture->db, NULL, &error));
  assert_changes (fixture, 0);
}

static void
test_empty_trashed_customer_with_dependants (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_auto (Book) book = { 0 };
  gint64 acme_id;

  book_fill (fixture, &book);
  acme_id = rapport_customer_get_id (book.acme);

  g_assert_true (rapport_store_trash_interaction (fixture->db, rapport_interaction_get_id (book.note), &error));
  g_assert_true (rapport_store_trash_customer (fixture->db, acme_id, &error));
  fixture_clear_changes (fixture);

  g_assert_true (rapport_store_empty_trash (fixture->db, NULL, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_CUSTOMER, acme_id, RAPPORT_CHANGE_DELETED);

  g_assert_cmpint (count_rows (fixture, "SELECT count (*) FROM contact"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count (*) FROM interaction"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count (*) FROM orders"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count (*) FROM channel"), ==, 0);
  g_assert_cmpuint (rapport_store_count_customers (fixture->db), ==, 1);
}

static RapportFollowUp *
add_follow_up (Fixture    *fixture,
               gint64      customer_id,
               const char *title)
{
  g_autoptr (GError) error = NULL;
  RapportFollowUp *follow_up = rapport_follow_up_new ();

  rapport_follow_up_set_customer_id (follow_up, customer_id);
  rapport_follow_up_set_title (follow_up, title);
  rapport_follow_up_set_due_local (follow_up, "2026-11-23 09:00");
  rapport_follow_up_set_time_zone (follow_up, "Asia/Shanghai");
  rapport_follow_up_set_remind_before (follow_up, 0);
  g_assert_true (rapport_store_insert_follow_up (fixture->db, follow_up, &error));
  g_assert_no_error (error);

  return follow_up;
}

/* A follow-up trashed by itself is in the Trash, comes back from it, and
 * goes for good when it is emptied; a customer emptied from the Trash takes
 * its follow-ups with it. */
static void
test_follow_ups (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_auto (Book) book = { 0 };
  g_autoptr (RapportFollowUp) call = NULL;
  g_autoptr (RapportFollowUp) visit = NULL;
  g_autoptr (RapportFollowUp) gone = NULL;
  g_autoptr (GListModel) list = NULL;
  g_autoptr (RapportTrashItem) item = NULL;
  gint64 acme_id, suyang_id, call_id, visit_id;

  book_fill (fixture, &book);
  acme_id = rapport_customer_get_id (book.acme);
  suyang_id = rapport_customer_get_id (book.suyang);
  call = add_follow_up (fixture, acme_id, "回电话：报价");
  visit = add_follow_up (fixture, suyang_id, "Visit");
  call_id = rapport_follow_up_get_id (call);
  visit_id = rapport_follow_up_get_id (visit);

  g_assert_true (rapport_store_trash_is_empty (fixture->db));
  g_assert_true (rapport_store_trash_follow_up (fixture->db, call_id, &error));
  g_assert_no_error (error);
  g_assert_false (rapport_store_trash_is_empty (fixture->db));

  list = rapport_store_list_trash (fixture->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  item = g_list_model_get_item (list, 0);
  g_assert_cmpint (rapport_trash_item_get_kind (item), ==, RAPPORT_ENTITY_KIND_FOLLOW_UP);
  g_assert_cmpint (rapport_trash_item_get_id (item), ==, call_id);
  g_assert_cmpstr (rapport_trash_item_get_title (item), ==, "回电话：报价");
  g_assert_cmpstr (rapport_trash_item_get_subtitle (item), ==, "Acme Trading");
  g_clear_object (&list);

  fixture_clear_changes (fixture);
  g_assert_true (rapport_store_restore_trash_item (fixture->db, RAPPORT_ENTITY_KIND_FOLLOW_UP, call_id, &error));
  g_assert_no_error (error);
  assert_changes (fixture, 1, RAPPORT_ENTITY_KIND_FOLLOW_UP, call_id, RAPPORT_CHANGE_RESTORED);
  g_assert_true (rapport_store_trash_is_empty (fixture->db));
  g_assert_cmpint (rapport_store_get_next_reminder_at (fixture->db, NULL), >, 0);

  /* Trashed again, with 速阳 holding the other: emptying takes both. */
  g_assert_true (rapport_store_trash_follow_up (fixture->db, call_id, &error));
  g_assert_true (rapport_store_trash_customer (fixture->db, suyang_id, &error));
  list = rapport_store_list_trash (fixture->db, &error);
  /* 速阳's follow-up is not listed on its own: it comes back with 速阳. */
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  fixture_clear_changes (fixture);

  g_assert_true (rapport_store_empty_trash (fixture->db, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (recorded_customer (fixture, 1), ==, acme_id);
  assert_changes (fixture, 3,
                  RAPPORT_ENTITY_KIND_CUSTOMER, suyang_id, RAPPORT_CHANGE_DELETED,
                  RAPPORT_ENTITY_KIND_FOLLOW_UP, call_id, RAPPORT_CHANGE_DELETED,
                  RAPPORT_ENTITY_KIND_TAG, (gint64) 1, RAPPORT_CHANGE_DELETED);

  gone = rapport_store_get_follow_up (fixture->db, call_id, &error);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  gone = rapport_store_get_follow_up (fixture->db, visit_id, &error);
  g_assert_error (error, RAPPORT_DATABASE_ERROR, RAPPORT_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (fixture, "SELECT count (*) FROM follow_up"), ==, 0);
  g_assert_true (rapport_store_trash_is_empty (fixture->db));
  g_assert_cmpint (rapport_store_get_next_reminder_at (fixture->db, NULL), ==, 0);
}

/* Listing the Trash reads the trashed rows, not every live one: its work
 * stays the same however many live customers, contacts, interactions and
 * orders there are. */
static void
test_list_reads_no_live_rows (Fixture       *fixture,
                              gconstpointer  data)
{
  g_auto (Book) book = { 0 };
  g_autoptr (GError) error = NULL;
  guint64 counter;
  guint64 few, many;

  book_fill (fixture, &book);
  g_assert_true (rapport_store_trash_customer (fixture->db, rapport_customer_get_id (book.suyang), &error));
  g_assert_true (rapport_store_trash_contact (fixture->db, rapport_contact_get_id (book.li), &error));
  g_assert_true (rapport_store_trash_interaction (fixture->db, rapport_interaction_get_id (book.note), &error));
  g_assert_true (rapport_store_trash_order (fixture->db, rapport_order_get_id (book.order), &error));
  g_assert_no_error (error);

  {
    g_autoptr (GListModel) list = NULL;

    vm_steps_start (fixture->db, &counter);
    list = rapport_store_list_trash (fixture->db, &error);
    few = vm_steps_stop (fixture->db, &counter);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 4);
  }

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %u", i);
      g_autoptr (RapportCustomer) customer = add_customer (fixture->db, name, NULL);
      g_autoptr (RapportContact) contact = rapport_contact_new ();
      g_autoptr (RapportInteraction) interaction = rapport_interaction_new ();
      g_autoptr (RapportOrder) order = rapport_order_new ();

      rapport_contact_set_customer_id (contact, rapport_customer_get_id (customer));
      rapport_contact_set_name (contact, "Li Wei");
      g_assert_true (rapport_store_insert_contact (fixture->db, contact, &error));
      rapport_interaction_set_customer_id (interaction, rapport_customer_get_id (customer));
      rapport_interaction_set_kind (interaction, RAPPORT_INTERACTION_KIND_NOTE);
      rapport_interaction_set_occurred_at (interaction, TEST_NOW - i);
      g_assert_true (rapport_store_insert_interaction (fixture->db, interaction, &error));
      rapport_order_set_customer_id (order, rapport_customer_get_id (customer));
      rapport_order_set_amount (order, 100);
      rapport_order_set_currency (order, "CNY");
      g_assert_true (rapport_store_insert_order (fixture->db, order, &error));
      g_assert_no_error (error);
    }

  {
    g_autoptr (GListModel) list = NULL;

    vm_steps_start (fixture->db, &counter);
    list = rapport_store_list_trash (fixture->db, &error);
    many = vm_steps_stop (fixture->db, &counter);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 4);
  }

  g_assert_cmpuint (many, <=, few + few / 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/trash/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("list-and-restore", test_list_and_restore);
  ADD ("empty", test_empty);
  ADD ("empty-trashed-customer-with-dependants", test_empty_trashed_customer_with_dependants);
  ADD ("list-reads-no-live-rows", test_list_reads_no_live_rows);
  ADD ("follow-ups", test_follow_ups);

  return g_test_run ();
}
