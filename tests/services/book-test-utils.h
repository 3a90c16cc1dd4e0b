/* book-test-utils.h
 *
 * What the tests of the session's daily jobs (test-churn-check,
 * test-tier-recompute) share: a book in a scratch folder, opened by a
 * session on a fixed clock, and the notifications python3-dbusmock's daemon
 * received during the test (run-with-notification-daemon; without a daemon
 * what is notified is not checked).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-session.h"
#include "rapport-store.h"

G_BEGIN_DECLS

typedef struct
{
  char            *dir;
  char            *path;
  RapportClock    *clock;
  RapportDatabase *db;        /* while open */
  RapportSession  *session;   /* while open */
  GDBusConnection *bus;
  gboolean         has_daemon;
  guint            n_calls_before;  /* the mock's calls made before this test */
} TestBook;

/* Runs what is pending on the default main context, without blocking. */
void       test_run_pending          (void);

/* A new scratch folder named after @prefix, for a book not yet opened. */
void       test_book_init            (TestBook   *book,
                                      const char *prefix);
/* Closes the book if open, and removes the folder. */
void       test_book_clear           (TestBook   *book);
/* Opens the book and a session for it on the book's clock. */
void       test_book_open            (TestBook   *book,
                                      gboolean    is_demo);
void       test_book_close           (TestBook   *book);
/* Sets the clock to @when and runs what the scheduler finds due. */
void       test_book_advance_to      (TestBook   *book,
                                      gint64      when);
/* The summaries ("title|body") notified during this test, those whose
 * title holds @title_part (NULL for all). */
GPtrArray *test_book_notified        (TestBook   *book,
                                      const char *title_part);
/* That @n such summaries were notified, the last one @last (NULL: any). */
void       test_book_assert_notified (TestBook   *book,
                                      const char *title_part,
                                      guint       n,
                                      const char *last);

G_END_DECLS
