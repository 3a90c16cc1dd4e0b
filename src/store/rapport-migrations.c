/* rapport-migrations.c
 *
 * The schema, one numbered migration at a time. A migration that has shipped
 * is never edited: a change to the schema is a new migration at the end.
 *
 * Conventions every query relies on:
 * - times are UTC unix seconds; deleted_at is NULL for a live row and the time
 *   it went to the Trash otherwise (a customer in the Trash hides its contacts,
 *   interactions and orders without setting theirs);
 * - enums are stored as their rapport_*_to_string keys;
 * - customer.sort_key is rapport_sort_key (name), compared with memcmp (BLOB);
 * - customer.last_interaction_at is the newest occurred_at of its live
 *   interactions, 0 when none (kept by the interaction repository);
 * - money is an integer of minor units plus an ISO 4217 currency code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-migrations"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-database-private.h"
#include "rapport-migrations-private.h"

typedef gboolean (*MigrationFunc) (RapportDatabase  *db,
                                   GError          **error);

static const char schema_1[] =
  "CREATE TABLE user ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"

  "CREATE TABLE customer ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  code TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  name TEXT NOT NULL,"
  "  name_match TEXT NOT NULL,"
  "  kind TEXT NOT NULL DEFAULT 'company',"
  "  stage TEXT NOT NULL DEFAULT 'prospect',"
  "  tier TEXT NOT NULL DEFAULT 'lead',"
  "  potential TEXT NOT NULL DEFAULT 'low',"
  "  owner_id INTEGER REFERENCES user (id) ON DELETE SET NULL,"
  "  source TEXT,"
  "  industry TEXT,"
  "  region TEXT,"
  "  address TEXT,"
  "  website TEXT,"
  "  birthday TEXT,"
  "  birthday_lunar INTEGER NOT NULL DEFAULT 0,"
  "  notes TEXT,"
  "  sort_key BLOB NOT NULL,"
  "  last_interaction_at INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  deleted_at INTEGER"
  ");"
  "CREATE INDEX customer_by_name ON customer (deleted_at, sort_key, id);"
  "CREATE INDEX customer_by_last_interaction ON customer (deleted_at, last_interaction_at DESC, id);"
  "CREATE INDEX customer_by_created ON customer (deleted_at, created_at DESC, id);"
  "CREATE INDEX customer_by_stage ON customer (stage);"
  "CREATE INDEX customer_by_tier ON customer (tier);"
  "CREATE INDEX customer_by_name_match ON customer (name_match);"
  "CREATE INDEX customer_by_owner ON customer (owner_id);"

  "CREATE TABLE contact ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  name_match TEXT NOT NULL,"
  "  title TEXT,"
  "  birthday TEXT,"
  "  birthday_lunar INTEGER NOT NULL DEFAULT 0,"
  "  is_primary INTEGER NOT NULL DEFAULT 0,"
  "  notes TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  deleted_at INTEGER"
  ");"
  "CREATE INDEX contact_by_customer ON contact (customer_id);"
  "CREATE INDEX contact_trashed ON contact (deleted_at) WHERE deleted_at IS NOT NULL;"

  /* Phones and e-mails of customers (contact_id NULL) and contacts. */
  "CREATE TABLE channel ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,"
  "  contact_id INTEGER REFERENCES contact (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('phone', 'email')),"
  "  value TEXT NOT NULL,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX channel_by_value ON channel (kind, value);"
  "CREATE INDEX channel_by_customer ON channel (customer_id, contact_id, kind, position);"
  "CREATE INDEX channel_by_contact ON channel (contact_id) WHERE contact_id IS NOT NULL;"

  /* contact_id has no foreign key: a contact deleted for good leaves its
   * interactions without a contact (set by the Trash), and an index for the
   * key's checks would slow down every interaction written. */
  "CREATE TABLE interaction ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,"
  "  contact_id INTEGER,"
  "  kind TEXT NOT NULL,"
  "  occurred_at INTEGER NOT NULL,"
  "  summary TEXT,"
  "  details TEXT,"
  "  outcome TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  deleted_at INTEGER"
  ");"
  "CREATE INDEX interaction_by_customer ON interaction (customer_id, occurred_at DESC);"
  /* The Trash view finds trashed rows without scanning every live one; live
   * rows cost nothing in a partial index. */
  "CREATE INDEX interaction_trashed ON interaction (deleted_at) WHERE deleted_at IS NOT NULL;"

  "CREATE TABLE orders ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,"
  "  ordered_on TEXT NOT NULL,"
  "  amount INTEGER NOT NULL,"
  "  currency TEXT NOT NULL,"
  "  description TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  deleted_at INTEGER"
  ");"
  "CREATE INDEX orders_by_customer ON orders (customer_id, ordered_on DESC);"
  "CREATE INDEX orders_trashed ON orders (deleted_at) WHERE deleted_at IS NOT NULL;"

  "CREATE TABLE tag ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"

  /* A link, not an entity: no uuid of its own (the pair of uuids names it). */
  "CREATE TABLE customer_tag ("
  "  customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,"
  "  tag_id INTEGER NOT NULL REFERENCES tag (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (customer_id, tag_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX customer_tag_by_tag ON customer_tag (tag_id, customer_id);";

static gboolean
migrate_1 (RapportDatabase  *db,
           GError          **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  gint64 now = _rapport_database_now (db);
  g_autoptr (RapportStatement) stmt = NULL;

  if (!_rapport_database_exec (db, schema_1, error))
    return FALSE;

  stmt = _rapport_database_prepare (db,
                                    "INSERT INTO user (uuid, name, created_at, updated_at) "
                                    "VALUES (?1, ?2, ?3, ?3)",
                                    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  /* The one user until team mode: the person at the keyboard. */
  sqlite3_bind_text (stmt, 2, _("Me"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now);

  return _rapport_database_step_done (db, stmt, _("Could not create the default user"), error);
}

/* Version 2: the search index's tables, as released. Empty: the documents are
 * derived data, written by the search tokeniser of the build that opens the
 * file (rapport-derived.c rebuilds them when the derived_version of the
 * index is not this build's), so this migration never runs code that can
 * change after its release. */
static const char schema_2[] =
  "CREATE VIRTUAL TABLE search_fts USING fts5 ("
  " tokens, raw UNINDEXED,"
  " tokenize = 'ascii',"
  " prefix = '1 2 3 4 5 6 8',"
  " detail = none,"
  " columnsize = 0);"
  "INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', 33554432);"
  "CREATE VIRTUAL TABLE search_digits USING fts5 ("
  " tokens,"
  " tokenize = 'ascii',"
  " detail = none,"
  " columnsize = 0);"
  "INSERT INTO search_digits (search_digits, rank) VALUES ('hashsize', 33554432);";

static gboolean
migrate_2 (RapportDatabase  *db,
           GError          **error)
{
  return _rapport_database_exec (db, schema_2, error);
}

/* Version 3: what the UI thread reads at 100,000 customers without a scan.
 * The Trash finds trashed customers by a partial index (live rows cost
 * nothing in it); each tag keeps the number of live customers that use it
 * (kept by the store as links come and go and customers are trashed or
 * restored, see _rapport_store_count_tags), so the tag list reads the tags
 * alone. Not triggers: a statement that fires one opens a statement journal,
 * which makes FTS5 flush its pending terms, per row of a bulk load. */
static const char schema_3[] =
  "CREATE INDEX customer_trashed ON customer (deleted_at DESC, id) WHERE deleted_at IS NOT NULL;"

  "ALTER TABLE tag ADD COLUMN n_live INTEGER NOT NULL DEFAULT 0;"
  "UPDATE tag SET n_live = (SELECT count(*) FROM customer_tag ct"
  "                         JOIN customer c ON c.id = ct.customer_id"
  "                         WHERE ct.tag_id = tag.id AND c.deleted_at IS NULL);"
  "CREATE INDEX tag_in_use ON tag (name COLLATE NOCASE, id) WHERE n_live > 0;";

static gboolean
migrate_3 (RapportDatabase  *db,
           GError          **error)
{
  return _rapport_database_exec (db, schema_3, error);
}

/* Version 4: the file says it is Rapport's (SQLite's application_id, which
 * other programs' files do not carry, so Rapport can refuse them untouched),
 * and the versions of the data derived from the rows by code that can change
 * between releases (the search tokeniser, the collation behind sort_key):
 * name → version, rebuilt in a worker when they differ from this build's. */
static const char schema_4[] =
  "PRAGMA application_id = " G_STRINGIFY (RAPPORT_APPLICATION_ID) ";"
  "CREATE TABLE derived_version ("
  "  name TEXT PRIMARY KEY,"
  "  version TEXT NOT NULL"
  ");";

static gboolean
migrate_4 (RapportDatabase  *db,
           GError          **error)
{
  return _rapport_database_exec (db, schema_4, error);
}

/* Version 5: each customer's place in the search index. A customer's
 * documents are keyed by its search_slot, numbers that follow the list's
 * name order, so a search reads its matches in list order and stops at the
 * limit (see rapport-search-index.c). Empty here: the slots and the documents
 * are derived data, assigned by the rebuild of the build that opens the file;
 * the documents keyed the old way are dropped by that rebuild. The second
 * index finds a customer's neighbours in name order, trashed ones included. */
static const char schema_5[] =
  "ALTER TABLE customer ADD COLUMN search_slot INTEGER;"
  "CREATE UNIQUE INDEX customer_by_search_slot ON customer (search_slot)"
  " WHERE search_slot IS NOT NULL;"
  "CREATE INDEX customer_by_sort_key ON customer (sort_key, id);";

static gboolean
migrate_5 (RapportDatabase  *db,
           GError          **error)
{
  return _rapport_database_exec (db, schema_5, error);
}

/* Version 6: follow-ups and churn warnings.
 *
 * A follow-up's due time is a wall-clock time in a named zone (due_local,
 * time_zone), so 9:00 stays 9:00 across a daylight-saving change; due_at is
 * its UTC instant, recomputed when the zone's rules say otherwise. remind_at is
 * the UTC instant of the pending reminder (due_at less remind_before minutes,
 * or snoozed_until), NULL once notified, done, or when there is no reminder.
 * notified_at records the delivery in the transaction that decided it, so a
 * restart never announces it again. revision counts the user's edits: an
 * action from a notification shown before an edit is refused, not applied.
 * next_id is the occurrence that completing a recurring one created (undo
 * removes it).
 *
 * churn_state holds the customers at risk as of the last daily check, so the
 * daily notification names only those that became at risk that day;
 * schedule_state records when each daily job last ran. */
static const char schema_6[] =
  "CREATE TABLE follow_up ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,"
  "  contact_id INTEGER,"
  "  title TEXT NOT NULL,"
  "  note TEXT,"
  "  due_local TEXT NOT NULL,"
  "  time_zone TEXT NOT NULL,"
  "  due_at INTEGER NOT NULL,"
  "  remind_before INTEGER,"
  "  remind_at INTEGER,"
  "  snoozed_until INTEGER,"
  "  notified_at INTEGER,"
  "  repeat_unit TEXT NOT NULL DEFAULT 'none',"
  "  repeat_every INTEGER NOT NULL DEFAULT 0,"
  "  done_at INTEGER,"
  "  next_id INTEGER,"
  "  revision INTEGER NOT NULL DEFAULT 1,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  deleted_at INTEGER"
  ");"
  "CREATE INDEX follow_up_pending_reminder ON follow_up (remind_at)"
  " WHERE remind_at IS NOT NULL AND done_at IS NULL AND deleted_at IS NULL;"
  "CREATE INDEX follow_up_open_by_due ON follow_up (due_at)"
  " WHERE done_at IS NULL AND deleted_at IS NULL;"
  "CREATE INDEX follow_up_by_customer ON follow_up (customer_id, done_at, due_at);"
  "CREATE INDEX follow_up_trashed ON follow_up (deleted_at) WHERE deleted_at IS NOT NULL;"

  "ALTER TABLE customer ADD COLUMN churn_hold_until INTEGER;"
  "ALTER TABLE customer ADD COLUMN lost_reason TEXT;"

  "CREATE TABLE churn_state ("
  "  customer_id INTEGER PRIMARY KEY REFERENCES customer (id) ON DELETE CASCADE,"
  "  at_risk_since INTEGER NOT NULL"
  ");"

  "CREATE TABLE schedule_state ("
  "  name TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ");";

static gboolean
migrate_6 (RapportDatabase  *db,
           GError          **error)
{
  return _rapport_database_exec (db, schema_6, error);
}

/* Version 7: keeping in touch — accounts, templates, greeting rules and the
 * outbox, and "do not contact".
 *
 * account holds what is not secret about a mail account or an SMS gateway
 * (settings as JSON); its password, key or token is in the Secret Service
 * under the account's uuid, never here.
 *
 * message is the outbox. state moves review → queued → sending → sent, or to
 * failed (retried from not_before while temporary), unknown (found in sending
 * at start: it may have gone out, so it is never resent by itself) or
 * cancelled. uuid travels to the provider (Message-ID, Aliyun OutId, Tencent
 * SessionContext); provider_id is what the provider answered. occasion_key
 * ("<rule uuid>:<customer|contact>:<id>:<year>") is unique, so one occasion
 * is queued once, whatever happens to the message afterwards. */
static const char schema_7[] =
  "ALTER TABLE customer ADD COLUMN do_not_contact INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE customer ADD COLUMN do_not_contact_reason TEXT;"
  "ALTER TABLE contact ADD COLUMN do_not_contact INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE contact ADD COLUMN do_not_contact_reason TEXT;"

  "CREATE TABLE account ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  channel TEXT NOT NULL,"
  "  provider TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  settings TEXT NOT NULL DEFAULT '{}',"
  "  is_default INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"

  "CREATE TABLE template ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  channel TEXT NOT NULL,"
  "  subject TEXT,"
  "  body TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  deleted_at INTEGER"
  ");"

  "CREATE TABLE greeting_rule ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  holiday TEXT,"
  "  month_day TEXT,"
  "  every_months INTEGER,"
  "  template_id INTEGER REFERENCES template (id) ON DELETE SET NULL,"
  "  channel TEXT NOT NULL,"
  "  audience TEXT NOT NULL DEFAULT '{}',"
  "  send_time TEXT NOT NULL DEFAULT '09:00',"
  "  lead_days INTEGER NOT NULL DEFAULT 0,"
  "  review_first INTEGER NOT NULL DEFAULT 1,"
  "  enabled INTEGER NOT NULL DEFAULT 1,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"

  "CREATE TABLE message ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  channel TEXT NOT NULL,"
  "  account_id INTEGER REFERENCES account (id) ON DELETE SET NULL,"
  "  customer_id INTEGER REFERENCES customer (id) ON DELETE SET NULL,"
  "  contact_id INTEGER REFERENCES contact (id) ON DELETE SET NULL,"
  "  recipient TEXT NOT NULL,"
  "  recipient_name TEXT,"
  "  subject TEXT,"
  "  body TEXT NOT NULL,"
  "  is_marketing INTEGER NOT NULL DEFAULT 0,"
  "  state TEXT NOT NULL,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  error TEXT,"
  "  not_before INTEGER NOT NULL,"
  "  rule_id INTEGER REFERENCES greeting_rule (id) ON DELETE SET NULL,"
  "  occasion_key TEXT UNIQUE,"
  "  provider_id TEXT,"
  "  interaction_id INTEGER,"
  "  sent_at INTEGER,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX message_queued ON message (not_before) WHERE state = 'queued';"
  "CREATE INDEX message_by_state ON message (state, updated_at);"
  "CREATE INDEX message_by_customer ON message (customer_id, created_at);";

static gboolean
migrate_7 (RapportDatabase  *db,
           GError          **error)
{
  return _rapport_database_exec (db, schema_7, error);
}

/* Version 8: imports, and merges of duplicate customers, undoable.
 *
 * import_run is one import in the history. The rows an import created carry
 * its id (customer.import_id, contact.import_id; a created customer's
 * channels and tag links go with it); what it added to a customer or contact
 * that was already there carries it too (channel.import_id,
 * customer_tag.import_id), and row_snapshot keeps that customer or contact
 * as it was before (the row's columns as JSON), so that undoing the import
 * deletes what it created and restores the rest exactly.
 *
 * merge_run is one merge of the Duplicates view: the survivor as it was
 * (row_snapshot: its row, its own channels and its tag links), the rows
 * that moved to it from the others (merge_moved) and the others it sent to
 * the Trash (merge_trashed). */
static const char schema_8[] =
  "CREATE TABLE import_run ("
  "  id INTEGER PRIMARY KEY,"
  "  file_name TEXT NOT NULL,"
  "  format TEXT NOT NULL,"
  "  imported_at INTEGER NOT NULL,"
  "  n_created INTEGER NOT NULL DEFAULT 0,"
  "  n_merged INTEGER NOT NULL DEFAULT 0,"
  "  n_skipped INTEGER NOT NULL DEFAULT 0,"
  "  n_contacts INTEGER NOT NULL DEFAULT 0,"
  "  undone_at INTEGER"
  ");"

  "ALTER TABLE customer ADD COLUMN import_id INTEGER;"
  "ALTER TABLE contact ADD COLUMN import_id INTEGER;"
  "ALTER TABLE channel ADD COLUMN import_id INTEGER;"
  "ALTER TABLE customer_tag ADD COLUMN import_id INTEGER;"
  "CREATE INDEX customer_by_import ON customer (import_id) WHERE import_id IS NOT NULL;"
  "CREATE INDEX contact_by_import ON contact (import_id) WHERE import_id IS NOT NULL;"
  "CREATE INDEX channel_by_import ON channel (import_id) WHERE import_id IS NOT NULL;"
  "CREATE INDEX customer_tag_by_import ON customer_tag (import_id) WHERE import_id IS NOT NULL;"

  "CREATE TABLE merge_run ("
  "  id INTEGER PRIMARY KEY,"
  "  survivor_id INTEGER NOT NULL,"
  "  merged_at INTEGER NOT NULL,"
  "  undone_at INTEGER"
  ");"

  /* owner is 'import' or 'merge', owner_id the run's id; rows in the order
   * taken. */
  "CREATE TABLE row_snapshot ("
  "  id INTEGER PRIMARY KEY,"
  "  owner TEXT NOT NULL CHECK (owner IN ('import', 'merge')),"
  "  owner_id INTEGER NOT NULL,"
  "  table_name TEXT NOT NULL,"
  "  row_id INTEGER NOT NULL,"
  "  data TEXT NOT NULL"
  ");"
  "CREATE UNIQUE INDEX row_snapshot_by_owner ON row_snapshot (owner, owner_id, table_name, row_id);"

  "CREATE TABLE merge_moved ("
  "  merge_id INTEGER NOT NULL REFERENCES merge_run (id) ON DELETE CASCADE,"
  "  table_name TEXT NOT NULL,"
  "  row_id INTEGER NOT NULL,"
  "  from_customer_id INTEGER NOT NULL,"
  "  PRIMARY KEY (merge_id, table_name, row_id)"
  ") WITHOUT ROWID;"

  "CREATE TABLE merge_trashed ("
  "  merge_id INTEGER NOT NULL REFERENCES merge_run (id) ON DELETE CASCADE,"
  "  customer_id INTEGER NOT NULL,"
  "  PRIMARY KEY (merge_id, customer_id)"
  ") WITHOUT ROWID;";

static gboolean
migrate_8 (RapportDatabase  *db,
           GError          **error)
{
  return _rapport_database_exec (db, schema_8, error);
}

/* Version 9: the sales pipeline (issue 9).
 *
 * stage is the user's list of pipeline stages, the board's columns by
 * position. The six seeded defaults carry a key and no name: their name is
 * the key's translated label (rapport_pipeline_stage_get_default_name), so
 * they read 初步接洽 in Chinese and Qualification in English; renaming one
 * stores the name, which from then on is shown as typed in every language
 * (and clearing it gives the default back). kind says whether the stage
 * closes an opportunity (won, lost) or not. probability is the default of
 * its opportunities, stall_days how long one may go without activity.
 *
 * opportunity.probability is NULL for "the stage's default": a probability
 * the user typed is never recomputed. stage_entered_at gives the stage age,
 * last_activity_at (a move, an edit, a plan step) the stalled flag;
 * closed_at is set while it is won or lost. Amounts are minor units of
 * currency. Deleting one moves it to the Trash (deleted_at).
 *
 * plan_step is the development plan: dated steps in position order, done
 * with a result, maybe with the follow-up made for them. lost_reason is the
 * user-extensible list of why deals are lost, seeded with keys like the
 * stages. opportunity_event is the history: created, moved, won, lost (with
 * the reason), reopened. */
static const char schema_9[] =
  "CREATE TABLE stage ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  key TEXT UNIQUE,"
  "  name TEXT,"
  "  position INTEGER NOT NULL,"
  "  probability INTEGER NOT NULL CHECK (probability BETWEEN 0 AND 100),"
  "  stall_days INTEGER NOT NULL DEFAULT 14 CHECK (stall_days > 0),"
  "  kind TEXT NOT NULL DEFAULT 'open' CHECK (kind IN ('open', 'won', 'lost')),"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  CHECK (key IS NOT NULL OR name IS NOT NULL)"
  ");"
  "CREATE INDEX stage_by_position ON stage (position);"

  "CREATE TABLE lost_reason ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  key TEXT UNIQUE,"
  "  name TEXT,"
  "  position INTEGER NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  CHECK (key IS NOT NULL OR name IS NOT NULL)"
  ");"

  "CREATE TABLE opportunity ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,"
  "  contact_id INTEGER REFERENCES contact (id) ON DELETE SET NULL,"
  "  title TEXT NOT NULL,"
  "  amount INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),"
  "  currency TEXT NOT NULL,"
  "  stage_id INTEGER NOT NULL REFERENCES stage (id),"
  "  probability INTEGER CHECK (probability BETWEEN 0 AND 100),"
  "  expected_close TEXT,"
  "  source TEXT,"
  "  owner_id INTEGER REFERENCES user (id) ON DELETE SET NULL,"
  "  notes TEXT,"
  "  lost_reason_id INTEGER REFERENCES lost_reason (id) ON DELETE SET NULL,"
  "  lost_note TEXT,"
  "  closed_at INTEGER,"
  "  stage_entered_at INTEGER NOT NULL,"
  "  last_activity_at INTEGER NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  deleted_at INTEGER"
  ");"
  /* The board: a column's cards by close date, none last, read in index
   * order (no sort of a 5,000-card column for its first screen); and the
   * columns' totals per currency from a covering index. */
  "CREATE INDEX opportunity_board ON opportunity (stage_id, expected_close IS NULL, expected_close) "
  "  WHERE deleted_at IS NULL;"
  "CREATE INDEX opportunity_stage_totals ON opportunity (stage_id, currency, amount, probability) "
  "  WHERE deleted_at IS NULL;"
  "CREATE INDEX opportunity_by_customer ON opportunity (customer_id, created_at);"
  /* Stalled: open ones by their last activity. */
  "CREATE INDEX opportunity_open_by_activity ON opportunity (last_activity_at) "
  "  WHERE deleted_at IS NULL AND closed_at IS NULL;"
  "CREATE INDEX opportunity_by_owner ON opportunity (owner_id) WHERE deleted_at IS NULL;"
  "CREATE INDEX opportunity_trashed ON opportunity (deleted_at) WHERE deleted_at IS NOT NULL;"

  "CREATE TABLE plan_step ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  opportunity_id INTEGER NOT NULL REFERENCES opportunity (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  what TEXT NOT NULL,"
  "  due_on TEXT,"
  "  assignee_id INTEGER REFERENCES user (id) ON DELETE SET NULL,"
  "  done_at INTEGER,"
  "  result TEXT,"
  "  follow_up_id INTEGER REFERENCES follow_up (id) ON DELETE SET NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX plan_step_by_opportunity ON plan_step (opportunity_id, position);"

  "CREATE TABLE opportunity_event ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  opportunity_id INTEGER NOT NULL REFERENCES opportunity (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('created', 'moved', 'won', 'lost', 'reopened')),"
  "  from_stage_id INTEGER REFERENCES stage (id) ON DELETE SET NULL,"
  "  to_stage_id INTEGER REFERENCES stage (id) ON DELETE SET NULL,"
  "  lost_reason_id INTEGER REFERENCES lost_reason (id) ON DELETE SET NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX opportunity_event_by_opportunity ON opportunity_event (opportunity_id, created_at);";

static const struct
{
  const char *key;
  int         probability;
  const char *kind;
} default_stages[] = {
  { "qualification", 10, "open" },
  { "needs-analysis", 30, "open" },
  { "proposal", 50, "open" },
  { "negotiation", 75, "open" },
  { "won", 100, "won" },
  { "lost", 0, "lost" },
};

static const char * const default_lost_reasons[] = { "price", "competitor", "no-budget", "no-response" };

static gboolean
migrate_9 (RapportDatabase  *db,
           GError          **error)
{
  gint64 now = _rapport_database_now (db);

  if (!_rapport_database_exec (db, schema_9, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (default_stages); i++)
    {
      g_autoptr (RapportStatement) stmt = NULL;
      g_autofree char *uuid = g_uuid_string_random ();

      stmt = _rapport_database_prepare (db,
                                        "INSERT INTO stage (uuid, key, position, probability, kind, created_at, updated_at) "
                                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                                        error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, default_stages[i].key, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, i);
      sqlite3_bind_int (stmt, 4, default_stages[i].probability);
      sqlite3_bind_text (stmt, 5, default_stages[i].kind, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, now);
      if (!_rapport_database_step_done (db, stmt, _("Could not create the pipeline stages"), error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (default_lost_reasons); i++)
    {
      g_autoptr (RapportStatement) stmt = NULL;
      g_autofree char *uuid = g_uuid_string_random ();

      stmt = _rapport_database_prepare (db,
                                        "INSERT INTO lost_reason (uuid, key, position, created_at, updated_at) "
                                        "VALUES (?1, ?2, ?3, ?4, ?4)",
                                        error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, default_lost_reasons[i], -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, i);
      sqlite3_bind_int64 (stmt, 4, now);
      if (!_rapport_database_step_done (db, stmt, _("Could not create the lost reasons"), error))
        return FALSE;
    }

  return TRUE;
}

/* Migration 10: staff, the service desk and handovers (issue 9).
 *
 * user gains a role and left_at (NULL while the person works here; someone
 * who left keeps their history but is offered for nothing new). Owners keep
 * migration 1's rule: customer.owner_id, opportunity.owner_id and the new
 * follow_up.assignee_id NULL mean the default user ("Me"), so a book from
 * before staff existed needs no rewrite.
 *
 * service_request (服务 / 投诉): assignee_id NULL means *unassigned* (the
 * "Unassigned" queue), never the default user, who is named by id there.
 * priority is 1 (most urgent) to 4, the one the queues sort by: computed by
 * src/core from the customer's tier (priority_tier, kept to explain it) and
 * the severity, unless the user set it (priority_overridden). due_at comes
 * from the priority's target at creation. first_response_at, resolved_at and
 * closed_at record the times; resolution is the proposed reply, which for a
 * complaint needs the customer's owner's confirmation (confirmed_by,
 * confirmed_at) before it is replied (replied_at, reply_channel).
 * service_event is the request's history: one row per change, with the user
 * who made it and the values before and after, as text.
 *
 * handover moves one person's customers and open work (opportunities,
 * service requests, follow-ups) to others in one transaction; each row it
 * changed is a handover_item with the value it had, so undo puts exactly
 * those back, and a customer's items are its handover log. */
static const char schema_10[] =
  "ALTER TABLE user ADD COLUMN role TEXT;"
  "ALTER TABLE user ADD COLUMN left_at INTEGER;"

  "ALTER TABLE follow_up ADD COLUMN assignee_id INTEGER REFERENCES user (id) ON DELETE SET NULL;"
  "CREATE INDEX follow_up_open_by_assignee ON follow_up (assignee_id) "
  "  WHERE done_at IS NULL AND deleted_at IS NULL;"

  "CREATE TABLE service_request ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,"
  "  contact_id INTEGER REFERENCES contact (id) ON DELETE SET NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('inquiry', 'complaint', 'suggestion', 'after-sales', 'other')),"
  "  summary TEXT NOT NULL,"
  "  details TEXT,"
  "  severity TEXT NOT NULL CHECK (severity IN ('low', 'normal', 'high', 'critical')),"
  "  priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 4),"
  "  priority_tier TEXT NOT NULL,"
  "  priority_overridden INTEGER NOT NULL DEFAULT 0,"
  "  status TEXT NOT NULL DEFAULT 'new' "
  "    CHECK (status IN ('new', 'assigned', 'in-progress', 'resolved', 'closed')),"
  "  assignee_id INTEGER REFERENCES user (id) ON DELETE SET NULL,"
  "  due_at INTEGER NOT NULL,"
  "  first_response_at INTEGER,"
  "  resolved_at INTEGER,"
  "  closed_at INTEGER,"
  "  resolution TEXT,"
  "  confirmed_by INTEGER REFERENCES user (id) ON DELETE SET NULL,"
  "  confirmed_at INTEGER,"
  "  replied_at INTEGER,"
  "  reply_channel TEXT,"
  "  satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),"
  "  satisfaction_comment TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  deleted_at INTEGER"
  ");"
  /* The open queues in their order (priority, then due), read in index
   * order; overdue is the same index with due_at < now. */
  "CREATE INDEX service_open_by_priority ON service_request (priority, due_at) "
  "  WHERE deleted_at IS NULL AND status NOT IN ('resolved', 'closed');"
  "CREATE INDEX service_open_by_due ON service_request (due_at) "
  "  WHERE deleted_at IS NULL AND status NOT IN ('resolved', 'closed');"
  "CREATE INDEX service_by_assignee ON service_request (assignee_id, priority, due_at) "
  "  WHERE deleted_at IS NULL;"
  "CREATE INDEX service_closed ON service_request (closed_at) "
  "  WHERE deleted_at IS NULL AND status = 'closed';"
  "CREATE INDEX service_by_customer ON service_request (customer_id, created_at);"
  "CREATE INDEX service_trashed ON service_request (deleted_at) WHERE deleted_at IS NOT NULL;"

  "CREATE TABLE service_event ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  service_request_id INTEGER NOT NULL REFERENCES service_request (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL,"
  "  user_id INTEGER REFERENCES user (id) ON DELETE SET NULL,"
  "  from_value TEXT,"
  "  to_value TEXT,"
  "  note TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX service_event_by_request ON service_event (service_request_id, created_at);"

  "CREATE TABLE handover ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  from_user_id INTEGER NOT NULL REFERENCES user (id),"
  "  rule TEXT NOT NULL,"
  "  customers INTEGER NOT NULL DEFAULT 0,"
  "  opportunities INTEGER NOT NULL DEFAULT 0,"
  "  service_requests INTEGER NOT NULL DEFAULT 0,"
  "  follow_ups INTEGER NOT NULL DEFAULT 0,"
  "  undone_at INTEGER,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE handover_item ("
  "  handover_id INTEGER NOT NULL REFERENCES handover (id) ON DELETE CASCADE,"
  "  entity TEXT NOT NULL CHECK (entity IN ('customer', 'opportunity', 'service-request', 'follow-up')),"
  "  row_id INTEGER NOT NULL,"
  "  customer_id INTEGER NOT NULL,"
  "  from_user_id INTEGER,"
  "  to_user_id INTEGER,"
  "  PRIMARY KEY (handover_id, entity, row_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX handover_item_by_customer ON handover_item (customer_id, handover_id);";

static gboolean
migrate_10 (RapportDatabase  *db,
            GError          **error)
{
  return _rapport_database_exec (db, schema_10, error);
}

/* Migration 11: value tiers and the data reports need (issue 10).
 *
 * customer.tier stays the tier in force, which every filter reads; beside it
 * tier_manual (NULL = automatic) and tier_computed (NULL = never computed,
 * with its one-line tier_reason). Likewise potential_manual (NULL = the
 * suggestion) and potential_suggested with its reason. A released book's
 * tiers and high potentials were set by hand, so they become manual and stay
 * until cleared. lost_at is when the stage last became 'lost' (kept by the
 * customer repository); a customer already lost gets its last update's time.
 *
 * interaction.user_id and orders.user_id say who logged or recorded a row
 * (NULL = the default user, as for owners), for the work log.
 *
 * tier_change is every move of a customer's tier, computed or by hand, with
 * its reason; tier_run is each recomputation (and why none could be made);
 * currency_rate converts other currencies to the default one. The partial
 * indexes serve the reports, which read orders and interactions by date. */
static const char schema_11[] =
  "ALTER TABLE customer ADD COLUMN tier_manual TEXT;"
  "ALTER TABLE customer ADD COLUMN tier_computed TEXT;"
  "ALTER TABLE customer ADD COLUMN tier_reason TEXT;"
  "ALTER TABLE customer ADD COLUMN potential_manual TEXT;"
  "ALTER TABLE customer ADD COLUMN potential_suggested TEXT;"
  "ALTER TABLE customer ADD COLUMN potential_reason TEXT;"
  "ALTER TABLE customer ADD COLUMN lost_at INTEGER;"
  "UPDATE customer SET tier_manual = tier WHERE tier <> 'lead';"
  "UPDATE customer SET potential_manual = potential WHERE potential = 'high';"
  "UPDATE customer SET lost_at = updated_at WHERE stage = 'lost';"

  "ALTER TABLE interaction ADD COLUMN user_id INTEGER;"
  "ALTER TABLE orders ADD COLUMN user_id INTEGER;"

  "CREATE TABLE tier_change ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE CASCADE,"
  "  from_tier TEXT NOT NULL,"
  "  to_tier TEXT NOT NULL,"
  "  changed_at INTEGER NOT NULL,"
  "  by_hand INTEGER NOT NULL DEFAULT 0,"
  "  reason TEXT"
  ");"
  "CREATE INDEX tier_change_by_customer ON tier_change (customer_id, changed_at DESC);"

  "CREATE TABLE tier_run ("
  "  id INTEGER PRIMARY KEY,"
  "  ran_at INTEGER NOT NULL,"
  "  period_from TEXT NOT NULL,"
  "  period_to TEXT NOT NULL,"
  "  n_customers INTEGER NOT NULL DEFAULT 0,"
  "  n_changed INTEGER NOT NULL DEFAULT 0,"
  "  not_computed_reason TEXT,"
  "  missing_rates TEXT"
  ");"

  "CREATE TABLE currency_rate ("
  "  currency TEXT PRIMARY KEY,"
  "  rate REAL NOT NULL CHECK (rate > 0),"
  "  updated_at INTEGER NOT NULL"
  ");"

  "CREATE INDEX orders_by_date ON orders (ordered_on, customer_id, currency, amount) "
  "  WHERE deleted_at IS NULL;"
  "CREATE INDEX interaction_by_time ON interaction (occurred_at, user_id, kind) "
  "  WHERE deleted_at IS NULL;"
  "CREATE INDEX customer_by_lost ON customer (lost_at) WHERE lost_at IS NOT NULL;";

static gboolean
migrate_11 (RapportDatabase  *db,
            GError          **error)
{
  return _rapport_database_exec (db, schema_11, error);
}

static const MigrationFunc migrations[] = {
  migrate_1,
  migrate_2,
  migrate_3,
  migrate_4,
  migrate_5,
  migrate_6,
  migrate_7,
  migrate_8,
  migrate_9,
  migrate_10,
  migrate_11,
};

int
_rapport_migrations_get_latest (void)
{
  return G_N_ELEMENTS (migrations);
}

gboolean
_rapport_migrations_run (RapportDatabase  *db,
                         int               version,
                         GError          **error)
{
  g_assert (version >= 1 && version <= (int) G_N_ELEMENTS (migrations));

  g_debug ("Migrating %s to schema %d", rapport_database_get_path (db), version);

  return migrations[version - 1] (db, error);
}
