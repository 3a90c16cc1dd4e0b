/* test-search.c
 *
 * rapport_store_search_customers over a small known data set: every kind of
 * search, the ranking, the Trash, and queries that look like FTS5 syntax.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "rapport-database-private.h"
#include "rapport-search-index-private.h"
#include "rapport-customer-code.h"
#include "rapport-derived.h"
#include "rapport-customer-list-model.h"
#include "rapport-store.h"

typedef struct
{
  char            *dir;
  RapportDatabase *db;
  gint64           suyang;     /* 速阳有限公司, SY001 */
  gint64           acme;       /* Acme Trading, AT001 */
  gint64           yangguang;  /* 阳光贸易 */
  gint64           yangguang_exact;  /* 阳光 */
  gint64           suda;       /* 速达物流, with contact 王小明 */
  gint64           balcony;    /* 阳台装饰, in the Trash */
  gint64           code_abc;   /* code ABC */
  gint64           name_abc;   /* named Abc */
  gint64           xiaoming;   /* contact of suda */
  gint64           lihua;      /* contact of suda, in the Trash */
} Fixture;

static gint64
add_customer (Fixture    *fixture,
              const char *name,
              const char *code,
              const char *phones_csv,
              const char *emails_csv,
              const char *tags_csv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();
  g_auto (GStrv) phones = g_strsplit (phones_csv ? phones_csv : "", ",", -1);
  g_auto (GStrv) emails = g_strsplit (emails_csv ? emails_csv : "", ",", -1);
  g_auto (GStrv) tags = g_strsplit (tags_csv ? tags_csv : "", ",", -1);

  rapport_customer_set_name (customer, name);
  if (code != NULL)
    rapport_customer_set_code (customer, code);
  rapport_customer_set_phones (customer, (const char * const *) phones);
  rapport_customer_set_emails (customer, (const char * const *) emails);
  rapport_customer_set_tags (customer, (const char * const *) tags);

  g_assert_true (rapport_store_insert_customer (fixture->db, customer, &error));
  g_assert_no_error (error);

  return rapport_customer_get_id (customer);
}

static gint64
add_contact (Fixture    *fixture,
             gint64      customer_id,
             const char *name,
             const char *phone,
             const char *email)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportContact) contact = rapport_contact_new ();
  const char *phones[] = { phone, NULL };
  const char *emails[] = { email, NULL };

  rapport_contact_set_customer_id (contact, customer_id);
  rapport_contact_set_name (contact, name);
  rapport_contact_set_phones (contact, phone != NULL ? phones : phones + 1);
  rapport_contact_set_emails (contact, email != NULL ? emails : emails + 1);

  g_assert_true (rapport_store_insert_contact (fixture->db, contact, &error));
  g_assert_no_error (error);

  return rapport_contact_get_id (contact);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("rapport-test-search-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "rapport.db", NULL);

  fixture->db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);

  fixture->suyang = add_customer (fixture, "速阳有限公司", NULL,
                                  "138 0013 8000,0512-6688 1234 转 808",
                                  "wang@suyang.com", "VIP,建材");
  fixture->acme = add_customer (fixture, "Acme Trading", NULL,
                                "+44 20 7946 0958", "sales@acme.example", "Export");
  fixture->yangguang = add_customer (fixture, "阳光贸易", NULL, NULL, NULL, NULL);
  fixture->yangguang_exact = add_customer (fixture, "阳光", NULL, NULL, NULL, NULL);
  fixture->suda = add_customer (fixture, "速达物流", NULL, NULL, NULL, NULL);
  fixture->balcony = add_customer (fixture, "阳台装饰", NULL, "139 0000 5555", NULL, "建材");
  fixture->code_abc = add_customer (fixture, "Zeta Works", "ABC", NULL, NULL, NULL);
  fixture->name_abc = add_customer (fixture, "Abc", NULL, NULL, NULL, NULL);

  fixture->xiaoming = add_contact (fixture, fixture->suda, "王小明", "139 1234 8888",
                                   "xiaoming@suda.cn");
  fixture->lihua = add_contact (fixture, fixture->suda, "李华", "137 7777 6666", NULL);

  g_assert_true (rapport_store_trash_customer (fixture->db, fixture->balcony, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_trash_contact (fixture->db, fixture->lihua, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "rapport.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_assert_finalize_object (fixture->db);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static GArray *
search (Fixture    *fixture,
        const char *query)
{
  g_autoptr (GError) error = NULL;
  GArray *ids = rapport_store_search_customers (fixture->db, query, 50, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);

  return ids;
}

static gboolean
contains (GArray *ids,
          gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    {
      if (g_array_index (ids, gint64, i) == id)
        return TRUE;
    }
  return FALSE;
}

static int
position_of (GArray *ids,
             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    {
      if (g_array_index (ids, gint64, i) == id)
        return i;
    }
  return -1;
}

/* Asserts that @query finds @id. */
#define assert_finds(fixture, query, id) \
  G_STMT_START { \
    g_autoptr (GArray) _ids = search ((fixture), (query)); \
    if (!contains (_ids, (id))) \
      g_error ("query “%s” does not find customer %" G_GINT64_FORMAT, (query), (gint64) (id)); \
  } G_STMT_END

#define assert_misses(fixture, query, id) \
  G_STMT_START { \
    g_autoptr (GArray) _ids = search ((fixture), (query)); \
    if (contains (_ids, (id))) \
      g_error ("query “%s” finds customer %" G_GINT64_FORMAT, (query), (gint64) (id)); \
  } G_STMT_END

static void
test_chinese_name (Fixture       *fixture,
                   gconstpointer  data)
{
  /* Any part of the name, one character being enough. */
  assert_finds (fixture, "速阳有限公司", fixture->suyang);
  assert_finds (fixture, "阳", fixture->suyang);
  assert_finds (fixture, "有限", fixture->suyang);
  assert_finds (fixture, "公司", fixture->suyang);
  assert_finds (fixture, "司", fixture->suyang);
  assert_finds (fixture, "阳有限公司", fixture->suyang);
  assert_finds (fixture, "达", fixture->suda);
  assert_misses (fixture, "阳", fixture->suda);
  assert_misses (fixture, "有限", fixture->acme);
  /* Longer than an index window: the characters must be adjacent. */
  assert_misses (fixture, "速阳公司有限", fixture->suyang);
  assert_misses (fixture, "阳有限公司速", fixture->suyang);
}

static void
test_pinyin (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr (GArray) initials = NULL;

  assert_finds (fixture, "sy", fixture->suyang);
  assert_finds (fixture, "SY", fixture->suyang);
  assert_finds (fixture, "syyxgs", fixture->suyang);
  assert_finds (fixture, "suyang", fixture->suyang);
  assert_finds (fixture, "suy", fixture->suyang);
  assert_finds (fixture, "suyangyouxian", fixture->suyang);
  assert_finds (fixture, "ygmy", fixture->yangguang);
  /* The pinyin and initials of any part of the name. */
  assert_finds (fixture, "yx", fixture->suyang);
  assert_finds (fixture, "yxgs", fixture->suyang);
  assert_finds (fixture, "youxian", fixture->suyang);
  assert_finds (fixture, "yangyou", fixture->suyang);
  assert_finds (fixture, "gongsi", fixture->suyang);
  assert_misses (fixture, "suyang", fixture->suda);

  initials = search (fixture, "sd");
  g_assert_true (contains (initials, fixture->suda));
  g_assert_false (contains (initials, fixture->suyang));
}

static void
test_code (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr (RapportCustomer) customer = rapport_store_get_customer (fixture->db, fixture->suyang, NULL);

  g_assert_cmpstr (rapport_customer_get_code (customer), ==, "SY001");
  assert_finds (fixture, "SY0", fixture->suyang);
  assert_finds (fixture, "sy0", fixture->suyang);
  assert_finds (fixture, "SY001", fixture->suyang);
  assert_finds (fixture, "ＳＹ００１", fixture->suyang);   /* full-width */
  assert_finds (fixture, "AT0", fixture->acme);
  assert_misses (fixture, "SY002", fixture->suyang);
}

static void
test_phone_digits (Fixture       *fixture,
                   gconstpointer  data)
{
  /* Any run of digits, in mobiles and landlines, customers' and contacts'. */
  assert_finds (fixture, "0013", fixture->suyang);
  assert_finds (fixture, "138", fixture->suyang);
  assert_finds (fixture, "13800138000", fixture->suyang);
  assert_finds (fixture, "138 0013 8000", fixture->suyang);
  assert_finds (fixture, "+86 138 0013 8000", fixture->suyang);
  assert_finds (fixture, "00138", fixture->suyang);
  assert_finds (fixture, "6688", fixture->suyang);
  assert_finds (fixture, "66881234", fixture->suyang);
  assert_finds (fixture, "6688 1234", fixture->suyang);
  assert_finds (fixture, "0512", fixture->suyang);
  assert_finds (fixture, "051266881234", fixture->suyang);
  assert_finds (fixture, "79460958", fixture->acme);
  assert_finds (fixture, "8888", fixture->suda);
  assert_finds (fixture, "12348888", fixture->suda);
  assert_misses (fixture, "8888", fixture->suyang);
  /* Windows present but not adjacent: 1380 and 8000 are both in 13800138000. */
  assert_misses (fixture, "13808000", fixture->suyang);
  assert_misses (fixture, "0013800138", fixture->acme);
  /* The extension is not part of the number. */
  assert_misses (fixture, "1234808", fixture->suyang);
  /* Fewer digits than a window: the start or the end of a number. */
  assert_finds (fixture, "000", fixture->suyang);
  assert_finds (fixture, "234", fixture->suyang);
  assert_finds (fixture, "05", fixture->suyang);
  /* Digits with words: both in the same document. */
  assert_finds (fixture, "速阳 0013", fixture->suyang);
  assert_finds (fixture, "suyang 66881234", fixture->suyang);
  assert_misses (fixture, "速达 0013", fixture->suyang);
  assert_misses (fixture, "速达 0013", fixture->suda);
  assert_finds (fixture, "wangxiaoming 8888", fixture->suda);
  assert_finds (fixture, "小明 12348888", fixture->suda);
  assert_misses (fixture, "小明 0013", fixture->suda);
}

static void
test_email (Fixture       *fixture,
            gconstpointer  data)
{
  assert_finds (fixture, "wang@su", fixture->suyang);
  assert_finds (fixture, "wang@suyang.com", fixture->suyang);
  assert_finds (fixture, "wang", fixture->suyang);
  assert_finds (fixture, "sales@acme", fixture->acme);
  assert_finds (fixture, "xiaoming@", fixture->suda);
  assert_misses (fixture, "wang@ac", fixture->suyang);
  /* Typed up to the "@", the local part is whole. */
  assert_finds (fixture, "wang@", fixture->suyang);
  assert_misses (fixture, "wan@", fixture->suyang);
  assert_finds (fixture, "suyang.com", fixture->suyang);
}

static void
test_contact (Fixture       *fixture,
              gconstpointer  data)
{
  /* A contact's name (any part), pinyin and phone find the customer. */
  assert_finds (fixture, "王小明", fixture->suda);
  assert_finds (fixture, "小明", fixture->suda);
  assert_finds (fixture, "明", fixture->suda);
  assert_finds (fixture, "wangxiao", fixture->suda);
  assert_finds (fixture, "wxm", fixture->suda);
  /* A trashed contact finds nothing. */
  assert_misses (fixture, "李华", fixture->suda);
  assert_misses (fixture, "7777", fixture->suda);
}

static void
test_tag (Fixture       *fixture,
          gconstpointer  data)
{
  assert_finds (fixture, "VIP", fixture->suyang);
  assert_finds (fixture, "vip", fixture->suyang);
  assert_finds (fixture, "建材", fixture->suyang);
  assert_finds (fixture, "Export", fixture->acme);
  assert_misses (fixture, "建材", fixture->balcony);
}

static void
test_latin (Fixture       *fixture,
            gconstpointer  data)
{
  assert_finds (fixture, "acm", fixture->acme);
  assert_finds (fixture, "ACME", fixture->acme);
  assert_finds (fixture, "trad", fixture->acme);
  assert_finds (fixture, "Acme Trading", fixture->acme);
  assert_finds (fixture, "acme trad", fixture->acme);
  assert_finds (fixture, "at", fixture->acme);
  assert_misses (fixture, "cme", fixture->acme);
  assert_misses (fixture, "acme zeta", fixture->acme);
}

static void
test_ranking (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr (GArray) yang = search (fixture, "阳光");
  g_autoptr (GArray) abc = search (fixture, "abc");
  g_autoptr (GArray) single = search (fixture, "阳");

  /* Exact name first, then the name that starts with it. */
  g_assert_cmpint (yang->len, ==, 2);
  g_assert_cmpint (g_array_index (yang, gint64, 0), ==, fixture->yangguang_exact);
  g_assert_cmpint (g_array_index (yang, gint64, 1), ==, fixture->yangguang);

  /* Exact code before exact name. */
  g_assert_cmpint (abc->len, >=, 2);
  g_assert_cmpint (g_array_index (abc, gint64, 0), ==, fixture->code_abc);
  g_assert_cmpint (g_array_index (abc, gint64, 1), ==, fixture->name_abc);

  /* Names starting with 阳 before names containing it. */
  g_assert_cmpint (single->len, ==, 3);
  g_assert_cmpint (position_of (single, fixture->yangguang), <, position_of (single, fixture->suyang));
  g_assert_cmpint (position_of (single, fixture->yangguang_exact), <, position_of (single, fixture->suyang));
}

static void
test_limit (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) one = rapport_store_search_customers (fixture->db, "阳", 1, &error);
  g_autoptr (GArray) none = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (one->len, ==, 1);

  none = rapport_store_search_customers (fixture->db, "阳", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_trash (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  /* Trashed: no longer found, by name, phone or tag; nor are its contacts. */
  assert_misses (fixture, "阳台", fixture->balcony);
  assert_misses (fixture, "5555", fixture->balcony);

  g_assert_true (rapport_store_trash_customer (fixture->db, fixture->suda, &error));
  g_assert_no_error (error);
  assert_misses (fixture, "速达", fixture->suda);
  assert_misses (fixture, "小明", fixture->suda);

  /* Restored: found again, with its live contacts and not the trashed one. */
  g_assert_true (rapport_store_restore_customer (fixture->db, fixture->suda, &error));
  g_assert_no_error (error);
  assert_finds (fixture, "速达", fixture->suda);
  assert_finds (fixture, "小明", fixture->suda);
  assert_misses (fixture, "李华", fixture->suda);

  g_assert_true (rapport_store_restore_contact (fixture->db, fixture->lihua, &error));
  g_assert_no_error (error);
  assert_finds (fixture, "李华", fixture->suda);

  /* Emptying the Trash removes the rest for good. */
  g_assert_true (rapport_store_trash_contact (fixture->db, fixture->xiaoming, &error));
  g_assert_no_error (error);
  g_assert_true (rapport_store_empty_trash (fixture->db, NULL, &error));
  g_assert_no_error (error);
  assert_misses (fixture, "阳台", fixture->balcony);
  assert_misses (fixture, "小明", fixture->suda);
  assert_finds (fixture, "李华", fixture->suda);
}

static void
test_update (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = rapport_store_get_customer (fixture->db, fixture->acme, &error);
  g_autoptr (RapportContact) contact = rapport_store_get_contact (fixture->db, fixture->xiaoming, &error);
  const char *phones[] = { "021 5555 6666", NULL };
  const char *tags[] = { "批发", NULL };

  g_assert_no_error (error);

  rapport_customer_set_name (customer, "金桥贸易");
  rapport_customer_set_phones (customer, phones);
  rapport_customer_set_tags (customer, tags);
  g_assert_true (rapport_store_update_customer (fixture->db, customer, &error));
  g_assert_no_error (error);

  assert_finds (fixture, "金桥", fixture->acme);
  assert_finds (fixture, "jinqiao", fixture->acme);
  assert_finds (fixture, "55556666", fixture->acme);
  assert_finds (fixture, "批发", fixture->acme);
  assert_misses (fixture, "trading", fixture->acme);
  assert_misses (fixture, "79460958", fixture->acme);
  assert_misses (fixture, "export", fixture->acme);
  /* Its e-mail did not change. */
  assert_finds (fixture, "sales@", fixture->acme);

  rapport_contact_set_name (contact, "赵大海");
  g_assert_true (rapport_store_update_contact (fixture->db, contact, &error));
  g_assert_no_error (error);
  assert_finds (fixture, "大海", fixture->suda);
  assert_misses (fixture, "小明", fixture->suda);
  /* The customer's own document did not change. */
  assert_finds (fixture, "速达", fixture->suda);
}

static void
test_syntax_is_text (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *queries[] = {
    "\"", "\"\"", "*", "\"速阳\" OR \"", "AND", "a AND b", "NEAR(a b)", "^s",
    "(", ")", "-", "- 速阳", "s*", "'; DROP TABLE customer; --", "<b>速阳</b>",
    "{tokens}: x", "tokens:sy", "NOT", "速阳\"", "\\", "%", "_", "\xee\x80\x81速阳",
    "   ", "", "!!!", "😀", "a\"b", "+", "+86",
  };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr (GArray) ids = search (fixture, queries[i]);
      (void) ids;
    }

  /* The words inside the syntax are still searched. */
  assert_finds (fixture, "\"速阳\"", fixture->suyang);
  assert_finds (fixture, "速阳*", fixture->suyang);
  assert_finds (fixture, "(acme)", fixture->acme);
  /* The exact-match marker typed in is not a way in. */
  assert_misses (fixture, "\xee\x80\x81速阳有限公司", fixture->acme);

  {
    g_autoptr (GArray) empty = search (fixture, "   ");
    g_autoptr (GArray) symbols = search (fixture, "!!!");

    g_assert_cmpuint (empty->len, ==, 0);
    g_assert_cmpuint (symbols->len, ==, 0);
  }
}

static void
test_rebuild (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  /* An index emptied, and its version one this build does not know: the
   * rebuild writes every document again. */
  g_assert_true (_rapport_database_exec (fixture->db,
                                         "DELETE FROM search_fts; DELETE FROM search_digits;"
                                         "INSERT OR REPLACE INTO derived_version VALUES ('search-index', 'from the future 99')",
                                         &error));
  g_assert_no_error (error);
  assert_misses (fixture, "有限", fixture->suyang);
  g_assert_cmpint (rapport_derived_get_stale (fixture->db, &error) & RAPPORT_DERIVED_SEARCH_INDEX, !=, 0);
  g_assert_true (rapport_derived_rebuild (fixture->db, RAPPORT_DERIVED_SEARCH_INDEX, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rapport_derived_get_stale (fixture->db, &error) & RAPPORT_DERIVED_SEARCH_INDEX, ==, 0);

  assert_finds (fixture, "有限", fixture->suyang);
  assert_finds (fixture, "8888", fixture->suda);
  assert_finds (fixture, "小明", fixture->suda);
  assert_finds (fixture, "建材", fixture->suyang);
  assert_misses (fixture, "阳台", fixture->balcony);
  assert_misses (fixture, "李华", fixture->suda);
}

static void
test_long_name (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GString) name = g_string_new ("长名");
  gint64 id;

  for (guint i = 0; i < 190; i++)
    g_string_append (name, i % 2 ? "贸" : "易");

  id = add_customer (fixture, name->str, NULL, NULL, NULL, NULL);
  assert_finds (fixture, "长名", id);
  assert_finds (fixture, "长名易贸易贸", id);
}

static gint64
add_person (Fixture    *fixture,
            const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) customer = rapport_customer_new ();

  rapport_customer_set_name (customer, name);
  rapport_customer_set_kind (customer, RAPPORT_CUSTOMER_KIND_PERSON);
  g_assert_true (rapport_store_insert_customer (fixture->db, customer, &error));
  g_assert_no_error (error);

  return rapport_customer_get_id (customer);
}

static void
test_polyphones (Fixture       *fixture,
                 gconstpointer  data)
{
  gint64 chongqing = add_customer (fixture, "重庆长江装饰", NULL, NULL, NULL, NULL);
  gint64 bank = add_customer (fixture, "北京银行", NULL, NULL, NULL, NULL);
  gint64 trade = add_customer (fixture, "兴行商贸", NULL, NULL, NULL, NULL);
  gint64 family = add_customer (fixture, "单氏贸易", NULL, NULL, NULL, NULL);
  struct {
    const char *name;
    const char *full;
    const char *initials;
    const char *misread;
  } people[] = {
    { "单丽", "shanli", "sl", "danli" },
    { "曾晓东", "zengxiaodong", "zxd", "cengxiaodong" },
    { "解东", "xiedong", "xd", "jiedong" },
    { "仇伟", "qiuwei", "qw", "chouwei" },
    { "朴明", "piaoming", "pm", "puming" },
    { "区红", "ouhong", "oh", "quhong" },
    { "查静", "zhajing", "zj", "chajing" },
    { "乐平", "yueping", "yp", "leping" },
  };

  /* Each common reading of a polyphonic character finds the name. */
  assert_finds (fixture, "chongqing", chongqing);
  assert_finds (fixture, "cq", chongqing);
  assert_finds (fixture, "zhongqing", chongqing);
  assert_finds (fixture, "changjiang", chongqing);
  assert_finds (fixture, "zhangjiang", chongqing);
  assert_finds (fixture, "cqcj", chongqing);
  assert_finds (fixture, "yinhang", bank);
  assert_finds (fixture, "bjyh", bank);
  assert_finds (fixture, "yinxing", bank);
  assert_finds (fixture, "xinghang", trade);
  assert_finds (fixture, "xingxing", trade);
  assert_finds (fixture, "xxsm", trade);
  assert_finds (fixture, "xhsm", trade);
  /* A company named after a family: the surname reading too. */
  assert_finds (fixture, "shanshi", family);
  assert_finds (fixture, "danshi", family);
  assert_misses (fixture, "qiaoshi", family);

  /* A single polyphonic character. */
  assert_finds (fixture, "行", bank);
  assert_finds (fixture, "行", trade);
  assert_finds (fixture, "重", chongqing);
  assert_finds (fixture, "单", family);

  /* A person, customer or contact, by the reading of their surname: the
   * one their proposed code is made from. */
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      gint64 person = add_person (fixture, people[i].name);
      gint64 company = add_customer (fixture, "Zeta Works", NULL, NULL, NULL, NULL);
      g_autofree char *prefix = rapport_customer_code_prefix (people[i].name);
      g_autofree char *code_initials = g_ascii_strdown (prefix, -1);
      g_autoptr (RapportCustomer) customer = rapport_store_get_customer (fixture->db, person, NULL);

      add_contact (fixture, company, people[i].name, NULL, NULL);

      assert_finds (fixture, people[i].full, person);
      assert_finds (fixture, people[i].initials, person);
      assert_finds (fixture, people[i].full, company);
      assert_finds (fixture, people[i].initials, company);
      assert_misses (fixture, people[i].misread, person);
      assert_misses (fixture, people[i].misread, company);

      /* Code and search agree. */
      g_assert_true (g_str_has_prefix (people[i].initials, code_initials));
      assert_finds (fixture, code_initials, person);
      assert_finds (fixture, rapport_customer_get_code (customer), person);
    }
}

/* Filters, order and truncation */

static const char * const surnames[] = { "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
                                         "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗" };
static const char * const given[] = { "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋",
                                      "勇", "艳", "杰", "娟", "涛", "明", "超", "霞", "平", "刚",
                                      "红", "斌", "宇", "浩", "凯", "鹏", "婷", "雪", "琳", "晨",
                                      "欣", "涵", "博" };

#define N_SHOPS 660

/* Shop @i of a set of N_SHOPS that all match "商行": its name, and its stage
 * (one in a hundred "lost", ten in a hundred tagged "批发"). */
static char *
shop_name (guint i)
{
  return g_strdup_printf ("%s%s%s商行", surnames[i % G_N_ELEMENTS (surnames)],
                          given[(i / G_N_ELEMENTS (surnames)) % G_N_ELEMENTS (given)],
                          given[(i * 7) % G_N_ELEMENTS (given)]);
}

typedef struct
{
  RapportDatabase *db;
  const guint     *order;
} ShopLoad;

static gboolean
insert_shops (RapportDatabase  *db,
              gpointer          user_data,
              GError          **error)
{
  const guint *order = user_data;

  for (guint n = 0; n < N_SHOPS; n++)
    {
      guint i = order[n];
      g_autoptr (RapportCustomer) customer = rapport_customer_new ();
      g_autofree char *name = shop_name (i);
      const char *tags[] = { "批发", NULL };

      rapport_customer_set_name (customer, name);
      rapport_customer_set_stage (customer, i % 100 == 7 ? RAPPORT_STAGE_LOST : RAPPORT_STAGE_ACTIVE);
      if (i % 10 == 3)
        rapport_customer_set_tags (customer, tags);
      /* Created at a time of its own, whatever the order of the inserts. */
      rapport_clock_set_fixed (rapport_database_get_clock (db), 1790000000 + i * 60);
      if (!rapport_store_insert_customer (db, customer, error))
        return FALSE;
    }

  return TRUE;
}

/* A database in its own folder holding the shops, inserted in @order. */
static RapportDatabase *
open_shops (const char  *dir,
            const char  *file,
            const guint *order)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr (RapportClock) clock = rapport_clock_new ();
  RapportDatabase *db;

  db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  rapport_database_set_clock (db, clock);
  g_assert_true (rapport_database_run_in_transaction (db, insert_shops, (gpointer) order, &error));
  g_assert_no_error (error);

  return db;
}

static GArray *
search_filtered (RapportDatabase           *db,
                 const char                *query,
                 const RapportSearchFilter *filter,
                 guint                      limit,
                 gboolean                  *truncated)
{
  g_autoptr (GError) error = NULL;
  GArray *ids = rapport_store_search_customers_filtered (db, query, filter, limit, truncated, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ids);

  return ids;
}

/* The names of @ids, joined, to compare results across databases. */
static char *
names_of (RapportDatabase *db,
          GArray          *ids)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RapportCustomer) customer = rapport_store_get_customer (db, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      g_string_append_printf (names, "%s%s", i > 0 ? "," : "", rapport_customer_get_name (customer));
    }

  return g_string_free (names, FALSE);
}

/* The first @n names of the whole list in @sort order, filtered by @stage. */
static char *
list_names (RapportDatabase     *db,
            RapportCustomerSort  sort,
            int                  stage,
            guint                n)
{
  g_autoptr (RapportCustomerListModel) model = rapport_customer_list_model_new (db);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  rapport_customer_list_model_set_sort (model, sort);
  rapport_customer_list_model_set_stage (model, stage);
  for (guint i = 0; i < MIN (n, g_list_model_get_n_items (G_LIST_MODEL (model))); i++)
    {
      g_autoptr (RapportCustomer) customer = g_list_model_get_item (G_LIST_MODEL (model), i);
      gint64 id = rapport_customer_get_id (customer);

      g_array_append_val (ids, id);
    }

  return names_of (db, ids);
}

static void
test_filters_before_limit (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree guint *order = g_new (guint, N_SHOPS);
  g_autoptr (RapportDatabase) db = NULL;
  RapportSearchFilter lost = RAPPORT_SEARCH_FILTER_INIT;
  RapportSearchFilter tagged = RAPPORT_SEARCH_FILTER_INIT;
  RapportSearchFilter unknown = RAPPORT_SEARCH_FILTER_INIT;
  RapportSearchFilter nothing = RAPPORT_SEARCH_FILTER_INIT;
  gboolean truncated = FALSE;

  for (guint i = 0; i < N_SHOPS; i++)
    order[i] = i;
  db = open_shops (fixture->dir, "shops.db", order);

  /* Unfiltered, the 20 asked for are a few of many. */
  {
    g_autoptr (GArray) ids = search_filtered (db, "商行", NULL, 20, &truncated);

    g_assert_cmpuint (ids->len, ==, 20);
    g_assert_true (truncated);
  }

  /* Seven "lost" shops, wherever they are among the 660: all found, and
   * nothing more to show. A filter applied to the first 20 would find none. */
  lost.stage = RAPPORT_STAGE_LOST;
  {
    g_autoptr (GArray) ids = search_filtered (db, "商行", &lost, 20, &truncated);
    g_autofree char *found = names_of (db, ids);
    g_autofree char *expected = list_names (db, RAPPORT_CUSTOMER_SORT_NAME, RAPPORT_STAGE_LOST, 20);

    g_assert_cmpuint (ids->len, ==, 7);
    g_assert_false (truncated);
    g_assert_cmpstr (found, ==, expected);
  }

  /* 66 tagged "批发": the first 20 in list order, and more to come. */
  tagged.tag = "批发";
  {
    g_autoptr (GArray) ids = search_filtered (db, "商行", &tagged, 20, &truncated);

    g_assert_cmpuint (ids->len, ==, 20);
    g_assert_true (truncated);
    for (guint i = 0; i < ids->len; i++)
      {
        g_autoptr (RapportCustomer) customer = rapport_store_get_customer (db, g_array_index (ids, gint64, i), NULL);
        const char * const *tags = rapport_customer_get_tags (customer);

        g_assert_true (tags != NULL && g_strv_contains (tags, "批发"));
      }
  }
  {
    g_autoptr (GArray) ids = search_filtered (db, "商行", &tagged, 100, &truncated);

    g_assert_cmpuint (ids->len, ==, 66);
    g_assert_false (truncated);
  }

  /* A tag nobody has, and filters nobody passes, match nothing. */
  unknown.tag = "no such tag";
  nothing.stage = RAPPORT_STAGE_DORMANT;
  {
    g_autoptr (GArray) none = search_filtered (db, "商行", &unknown, 20, &truncated);
    g_autoptr (GArray) none_either = search_filtered (db, "商行", &nothing, 20, &truncated);

    g_assert_cmpuint (none->len, ==, 0);
    g_assert_cmpuint (none_either->len, ==, 0);
    g_assert_false (truncated);
  }

  /* A filter sees changes made since the last search. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (GArray) ids = search_filtered (db, "商行", &lost, 20, NULL);
    g_autoptr (RapportCustomer) customer = rapport_store_get_customer (db, g_array_index (ids, gint64, 0), &error);
    g_autoptr (GArray) after = NULL;

    g_assert_no_error (error);
    rapport_customer_set_stage (customer, RAPPORT_STAGE_DORMANT);
    g_assert_true (rapport_store_update_customer (db, customer, &error));
    g_assert_no_error (error);

    after = search_filtered (db, "商行", &lost, 20, NULL);
    g_assert_cmpuint (after->len, ==, 6);
    g_assert_false (contains (after, rapport_customer_get_id (customer)));
    g_clear_pointer (&after, g_array_unref);
    after = search_filtered (db, "商行", &nothing, 20, NULL);
    g_assert_cmpuint (after->len, ==, 1);
  }

  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
test_order_not_creation (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree guint *forward = g_new (guint, N_SHOPS);
  g_autofree guint *shuffled = g_new (guint, N_SHOPS);
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261202);
  g_autoptr (RapportDatabase) a = NULL;
  g_autoptr (RapportDatabase) b = NULL;
  const char * const queries[] = { "商行", "王", "w", "sh", "shanghang", "伟", "批发" };
  const RapportCustomerSort sorts[] = { RAPPORT_CUSTOMER_SORT_NAME, RAPPORT_CUSTOMER_SORT_CREATED };

  for (guint i = 0; i < N_SHOPS; i++)
    forward[i] = shuffled[i] = i;
  for (guint i = N_SHOPS - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1);
      guint t = shuffled[i];

      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }

  a = open_shops (fixture->dir, "forward.db", forward);
  b = open_shops (fixture->dir, "shuffled.db", shuffled);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
      for (guint limit = 5; limit <= 205; limit += 100)
        {
          RapportSearchFilter filter = RAPPORT_SEARCH_FILTER_INIT;
          gboolean truncated_a = FALSE, truncated_b = FALSE;
          g_autoptr (GArray) ids_a = NULL;
          g_autoptr (GArray) ids_b = NULL;
          g_autofree char *names_a = NULL;
          g_autofree char *names_b = NULL;

          filter.sort = sorts[s];
          ids_a = search_filtered (a, queries[q], &filter, limit, &truncated_a);
          ids_b = search_filtered (b, queries[q], &filter, limit, &truncated_b);
          names_a = names_of (a, ids_a);
          names_b = names_of (b, ids_b);

          g_assert_cmpuint (ids_a->len, >, 0);
          g_assert_cmpstr (names_a, ==, names_b);
          g_assert_cmpint (truncated_a, ==, truncated_b);
        }

  /* "商行" is in every name, at no rank better than the others: the first
   * shops of the list, in its order. */
  {
    RapportSearchFilter by_created = RAPPORT_SEARCH_FILTER_INIT;
    g_autoptr (GArray) by_name = search_filtered (b, "商行", NULL, 30, NULL);
    g_autoptr (GArray) newest = NULL;
    g_autofree char *found = names_of (b, by_name);
    g_autofree char *expected = list_names (b, RAPPORT_CUSTOMER_SORT_NAME, -1, 30);
    g_autofree char *found_newest = NULL;
    g_autofree char *expected_newest = list_names (b, RAPPORT_CUSTOMER_SORT_CREATED, -1, 30);

    g_assert_cmpstr (found, ==, expected);
    by_created.sort = RAPPORT_CUSTOMER_SORT_CREATED;
    newest = search_filtered (b, "商行", &by_created, 30, NULL);
    found_newest = names_of (b, newest);
    g_assert_cmpstr (found_newest, ==, expected_newest);
  }

  g_assert_finalize_object (g_steal_pointer (&a));
  g_assert_finalize_object (g_steal_pointer (&b));
}

static gint64
count_misfits (RapportDatabase *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (_rapport_database_get_handle (db),
                                       "SELECT count(*) FROM customer WHERE search_slot >= ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, RAPPORT_SEARCH_MISFIT_SLOT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

static void
assert_search_in_list_order (RapportDatabase *db,
                             const char      *query,
                             guint            n)
{
  g_autoptr (GArray) ids = search_filtered (db, query, NULL, n, NULL);
  g_autofree char *found = names_of (db, ids);
  g_autofree char *expected = list_names (db, RAPPORT_CUSTOMER_SORT_NAME, -1, n);

  g_assert_cmpuint (ids->len, ==, n);
  g_assert_cmpstr (found, ==, expected);
}

/* The index's slots follow the list's name order, also where they run out
 * of room (misfits), after a rename, and after a bulk load. */
static void
test_slots_keep_list_order (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "slots.db", NULL);
  g_autoptr (RapportDatabase) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RapportCustomer) renamed = NULL;
  g_autoptr (GString) name = g_string_new ("Shop A");
  gint64 last_id = 0;

  db = rapport_database_open (path, RAPPORT_DATABASE_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);

  /* Each name sorts just before the one added before it: every customer
   * halves the same gap, which runs out after about 30. */
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr (RapportCustomer) customer = rapport_customer_new ();

      g_string_truncate (name, strlen ("Shop A"));
      for (guint a = 0; a < i; a++)
        g_string_append_c (name, 'a');
      g_string_append_c (name, 'b');
      rapport_customer_set_name (customer, name->str);
      g_assert_true (rapport_store_insert_customer (db, customer, &error));
      g_assert_no_error (error);
      last_id = rapport_customer_get_id (customer);
    }
  g_assert_cmpint (count_misfits (db), >, 0);
  assert_search_in_list_order (db, "shop", 40);
  assert_search_in_list_order (db, "shop", 12);

  /* A misfit renamed to the end of the list moves there in the search. */
  renamed = rapport_store_get_customer (db, last_id, &error);
  g_assert_no_error (error);
  rapport_customer_set_name (renamed, "Shop Zed");
  g_assert_true (rapport_store_update_customer (db, renamed, &error));
  g_assert_no_error (error);
  assert_search_in_list_order (db, "shop", 40);
  g_assert_true (rapport_store_trash_customer (db, last_id - 5, &error));
  g_assert_true (rapport_store_restore_customer (db, last_id - 5, &error));
  g_assert_no_error (error);
  assert_search_in_list_order (db, "shop", 40);

  /* Added one by one in name order, each after the last: misfits pile up
   * until the derived data's rebuild spreads the slots again. */
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr (RapportCustomer) customer = rapport_customer_new ();
      g_autofree char *tail_name = g_strdup_printf ("Shop Tail %03u", i);

      rapport_customer_set_name (customer, tail_name);
      g_assert_true (rapport_store_insert_customer (db, customer, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (count_misfits (db), >, RAPPORT_SEARCH_MAX_MISFITS);
  g_assert_cmpint (rapport_derived_get_stale (db, &error), ==, RAPPORT_DERIVED_SEARCH_INDEX);
  g_assert_true (rapport_derived_rebuild (db, RAPPORT_DERIVED_SEARCH_INDEX, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_misfits (db), ==, 0);
  g_assert_cmpint (rapport_derived_get_stale (db, &error), ==, RAPPORT_DERIVED_NONE);
  assert_search_in_list_order (db, "shop", 340);

  /* A bulk load in reverse name order, put in place when it ends. */
  rapport_store_begin_bulk_load (db);
  for (guint i = 300; i > 0; i--)
    {
      g_autoptr (RapportCustomer) customer = rapport_customer_new ();
      g_autofree char *bulk_name = g_strdup_printf ("Shop Bulk %03u", i);

      rapport_customer_set_name (customer, bulk_name);
      g_assert_true (rapport_store_insert_customer (db, customer, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (count_misfits (db), >, RAPPORT_SEARCH_MAX_MISFITS);
  g_assert_true (rapport_store_end_bulk_load (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_misfits (db), ==, 0);
  g_assert_cmpint (rapport_derived_get_stale (db, &error), ==, RAPPORT_DERIVED_NONE);
  assert_search_in_list_order (db, "shop", 640);
  {
    g_autoptr (GArray) bulk = search_filtered (db, "bulk", NULL, 300, NULL);
    g_autoptr (RapportCustomer) first = rapport_store_get_customer (db, g_array_index (bulk, gint64, 0), NULL);
    g_autoptr (RapportCustomer) last = rapport_store_get_customer (db, g_array_index (bulk, gint64, 299), NULL);

    g_assert_cmpstr (rapport_customer_get_name (first), ==, "Shop Bulk 001");
    g_assert_cmpstr (rapport_customer_get_name (last), ==, "Shop Bulk 300");
  }
  assert_search_in_list_order (db, "shop", 7);

  g_assert_finalize_object (g_steal_pointer (&db));
  g_unlink (path);
}

static void
truncated_notified_cb (GObject    *object,
                       GParamSpec *pspec,
                       guint      *n_notified)
{
  (*n_notified)++;
}

static void
test_list_truncated (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree guint *order = g_new (guint, N_SHOPS);
  g_autoptr (RapportDatabase) db = NULL;
  g_autoptr (RapportCustomerListModel) model = NULL;
  guint n_notified = 0;

  for (guint i = 0; i < N_SHOPS; i++)
    order[i] = N_SHOPS - 1 - i;
  db = open_shops (fixture->dir, "list.db", order);
  model = rapport_customer_list_model_new (db);
  g_signal_connect (model, "notify::truncated", G_CALLBACK (truncated_notified_cb), &n_notified);

  g_assert_false (rapport_customer_list_model_get_truncated (model));

  /* 660 matches: the list shows 200 and says there are more. */
  rapport_customer_list_model_set_query (model, "商行");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 200);
  g_assert_true (rapport_customer_list_model_get_truncated (model));
  g_assert_cmpuint (n_notified, ==, 1);

  /* Filtered to the 7 lost ones: all shown, none dropped. */
  rapport_customer_list_model_set_stage (model, RAPPORT_STAGE_LOST);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 7);
  g_assert_false (rapport_customer_list_model_get_truncated (model));
  g_assert_cmpuint (n_notified, ==, 2);

  /* The tag filter too: 66 of 660, none of them among the first 200 only. */
  rapport_customer_list_model_set_stage (model, -1);
  rapport_customer_list_model_set_tag (model, "批发");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 66);
  g_assert_false (rapport_customer_list_model_get_truncated (model));

  rapport_customer_list_model_set_tag (model, NULL);
  rapport_customer_list_model_set_query (model, NULL);
  g_assert_false (rapport_customer_list_model_get_truncated (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_SHOPS);

  g_signal_handlers_disconnect_by_func (model, truncated_notified_cb, &n_notified);
  g_assert_finalize_object (g_steal_pointer (&model));
  g_assert_finalize_object (g_steal_pointer (&db));
}

static void
remove_file_set (const char *dir,
                 const char *file)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static void
shops_teardown (Fixture       *fixture,
                gconstpointer  data)
{
  remove_file_set (fixture->dir, "shops.db");
  remove_file_set (fixture->dir, "forward.db");
  remove_file_set (fixture->dir, "shuffled.db");
  remove_file_set (fixture->dir, "list.db");
  fixture_teardown (fixture, data);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/search/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("chinese-name", test_chinese_name);
  ADD ("pinyin", test_pinyin);
  ADD ("code", test_code);
  ADD ("phone-digits", test_phone_digits);
  ADD ("email", test_email);
  ADD ("contact", test_contact);
  ADD ("tag", test_tag);
  ADD ("latin", test_latin);
  ADD ("ranking", test_ranking);
  ADD ("limit", test_limit);
  ADD ("trash", test_trash);
  ADD ("update", test_update);
  ADD ("syntax-is-text", test_syntax_is_text);
  ADD ("rebuild", test_rebuild);
  ADD ("long-name", test_long_name);
  ADD ("polyphones", test_polyphones);

  g_test_add ("/store/search/filters-before-limit", Fixture, NULL, fixture_setup,
              test_filters_before_limit, shops_teardown);
  g_test_add ("/store/search/order-not-creation", Fixture, NULL, fixture_setup,
              test_order_not_creation, shops_teardown);
  g_test_add ("/store/search/slots-keep-list-order", Fixture, NULL, fixture_setup,
              test_slots_keep_list_order, fixture_teardown);
  g_test_add ("/store/search/list-truncated", Fixture, NULL, fixture_setup,
              test_list_truncated, shops_teardown);

#undef ADD

  return g_test_run ();
}
