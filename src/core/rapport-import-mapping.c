/* rapport-import-mapping.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "rapport-import-mapping.h"

#include "rapport-text.h"

#include <glib/gi18n.h>
#include <string.h>

typedef struct {
  const char *key;
  const char *label;
  /* Headers in the order of how surely they mean this field; compared after
   * rapport_name_normalize_for_match (), so "E-mail 1 - Value" is "email1value". */
  const char *aliases[24];
} ImportField;

static const ImportField import_fields[] = {
  { "customer-name", N_("Customer Name"),
    { "客户名称", "客户名", "客户", "客户姓名", "customername", "customer", "client", "clientname",
      "account", "accountname", NULL } },
  { "company", N_("Company"),
    { "公司", "公司名称", "单位", "单位名称", "企业", "企业名称", "company", "companyname",
      "organization", "organisation", "organization1name", "organizationname", "business", NULL } },
  { "contact-name", N_("Contact Name"),
    { "联系人", "姓名", "联系人姓名", "名字", "contact", "contactname", "name", "fullname",
      "displayname", NULL } },
  { "given-name", N_("Given Name"),
    { "名", "givenname", "firstname", NULL } },
  { "family-name", N_("Family Name"),
    { "姓", "familyname", "lastname", "surname", NULL } },
  { "contact-title", N_("Job Title"),
    { "职务", "职位", "头衔", "岗位", "jobtitle", "position", "organization1title", "organizationtitle",
      "role", "title", NULL } },
  { "mobile", N_("Mobile"),
    { "手机", "手机号", "手机号码", "移动电话", "mobile", "mobilephone", "mobilenumber", "cell",
      "cellphone", "phone1value", NULL } },
  { "phone", N_("Phone"),
    { "电话", "座机", "固话", "电话号码", "联系电话", "办公电话", "phone", "telephone", "tel",
      "businessphone", "primaryphone", "companymainphone", "homephone", "phone2value", NULL } },
  { "email", N_("E-mail"),
    { "邮箱", "电子邮件", "电子邮箱", "邮件", "email", "mail", "emailaddress", "email1value",
      "emailaddress1", NULL } },
  { "address", N_("Address"),
    { "地址", "联系地址", "详细地址", "通讯地址", "address", "streetaddress", "businessaddress",
      "address1formatted", "businessstreet", "homeaddress", "homestreet", NULL } },
  { "region", N_("Region"),
    { "地区", "城市", "区域", "省份", "所在地", "region", "city", "area", "province", "state",
      "location", "businesscity", "address1city", NULL } },
  { "industry", N_("Industry"),
    { "行业", "所属行业", "industry", "sector", NULL } },
  { "birthday", N_("Birthday"),
    { "生日", "出生日期", "公历生日", "birthday", "birthdate", "dateofbirth", "dob", NULL } },
  { "lunar-birthday", N_("Lunar Birthday"),
    { "农历生日", "阴历生日", "农历", "lunarbirthday", NULL } },
  { "notes", N_("Notes"),
    { "备注", "说明", "备注信息", "notes", "note", "remarks", "comments", "comment", NULL } },
  { "tags", N_("Tags"),
    { "标签", "分组", "分类", "tags", "tag", "labels", "groupmembership", "categories", "category",
      "groups", NULL } },
  { "code", N_("Customer Code"),
    { "客户编号", "编号", "客户代码", "客户编码", "代码", "customercode", "customerid",
      "customernumber", "code", "id", NULL } },
  { "source", N_("Source"),
    { "来源", "客户来源", "渠道", "source", "leadsource", "channel", NULL } },
  { "website", N_("Website"),
    { "网站", "网址", "主页", "官网", "website", "web", "webpage", "url", "homepage", "website1value",
      NULL } },
};

typedef struct {
  guint field;
  guint rank;
} HeaderMatch;

static GHashTable *
alias_table (void)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      /* normalised alias → HeaderMatch (as field << 8 | rank) */
      GHashTable *built = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint f = 0; f < G_N_ELEMENTS (import_fields); f++)
        {
          for (guint r = 0; import_fields[f].aliases[r] != NULL; r++)
            {
              char *alias = rapport_name_normalize_for_match (import_fields[f].aliases[r]);

              if (g_hash_table_contains (built, alias))
                g_free (alias);
              else
                g_hash_table_insert (built, alias, GUINT_TO_POINTER ((f << 8 | r) + 1));
            }
        }
      g_once_init_leave (&table, built);
    }

  return table;
}

static gboolean
lookup_alias (const char  *text,
              guint        rank_penalty,
              HeaderMatch *match)
{
  g_autofree char *key = rapport_name_normalize_for_match (text);
  gpointer value;

  if (key[0] == '\0')
    return FALSE;
  value = g_hash_table_lookup (alias_table (), key);
  if (value == NULL)
    return FALSE;

  match->field = (GPOINTER_TO_UINT (value) - 1) >> 8;
  match->rank = ((GPOINTER_TO_UINT (value) - 1) & 0xff) + rank_penalty;
  return TRUE;
}

/* @header without its bracketed parts: "手机（必填）", "Birthday (yyyy-mm-dd)". */
static char *
strip_brackets (const char *header)
{
  static const gunichar opening[] = { '(', 0xFF08, '[', 0xFF3B, 0x3010, '<', 0x300A };
  static const gunichar closing[] = { ')', 0xFF09, ']', 0xFF3D, 0x3011, '>', 0x300B };
  GString *stripped = g_string_new (NULL);
  guint depth = 0;

  for (const char *p = header; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean bracket = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (opening); i++)
        {
          if (c == opening[i])
            depth++, bracket = TRUE;
          else if (c == closing[i] && depth > 0)
            depth--, bracket = TRUE;
        }
      if (!bracket && depth == 0)
        g_string_append_unichar (stripped, c);
    }

  return g_string_free (stripped, FALSE);
}

/* Ranks added to a match found only once brackets, then a trailing number
 * ("电话2", "Mobile 1"), are taken off: a plain header wins over them. */
#define RANK_WITHOUT_BRACKETS 64
#define RANK_WITHOUT_NUMBER 128

static gboolean
match_header (const char  *header,
              HeaderMatch *match)
{
  g_autofree char *stripped = NULL;
  g_autofree char *key = NULL;
  gsize end;

  if (header == NULL || !g_utf8_validate (header, -1, NULL))
    return FALSE;
  if (lookup_alias (header, 0, match))
    return TRUE;

  stripped = strip_brackets (header);
  if (lookup_alias (stripped, RANK_WITHOUT_BRACKETS, match))
    return TRUE;

  key = rapport_name_normalize_for_match (stripped);
  end = strlen (key);
  while (end > 0 && g_ascii_isdigit (key[end - 1]))
    end--;
  if (end == 0 || end == strlen (key))
    return FALSE;
  key[end] = '\0';
  return lookup_alias (key, RANK_WITHOUT_NUMBER, match);
}

const char * const *
rapport_import_fields (void)
{
  static const char *keys[G_N_ELEMENTS (import_fields) + 1];
  static gsize filled;

  if (g_once_init_enter (&filled))
    {
      for (guint f = 0; f < G_N_ELEMENTS (import_fields); f++)
        keys[f] = import_fields[f].key;
      g_once_init_leave (&filled, 1);
    }

  return keys;
}

static const ImportField *
find_field (const char *key)
{
  for (guint f = 0; key != NULL && f < G_N_ELEMENTS (import_fields); f++)
    {
      if (g_str_equal (key, import_fields[f].key))
        return &import_fields[f];
    }

  return NULL;
}

gboolean
rapport_import_field_is_valid (const char *key)
{
  return find_field (key) != NULL;
}

const char *
rapport_import_field_get_label (const char *key)
{
  const ImportField *field = find_field (key);

  return field != NULL ? _(field->label) : NULL;
}

const char *
rapport_import_field_for_header (const char *header)
{
  HeaderMatch match;

  return match_header (header, &match) ? import_fields[match.field].key : NULL;
}

typedef struct {
  guint column;
  HeaderMatch match;
} ColumnMatch;

static int
compare_column_matches (gconstpointer a,
                        gconstpointer b)
{
  const ColumnMatch *x = a;
  const ColumnMatch *y = b;

  if (x->match.rank != y->match.rank)
    return x->match.rank < y->match.rank ? -1 : 1;
  return x->column < y->column ? -1 : x->column > y->column;
}

GStrv
rapport_import_map_headers (const char * const *headers)
{
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (ColumnMatch));
  gboolean taken[G_N_ELEMENTS (import_fields)] = { FALSE };
  guint n_headers;
  GStrv result;

  g_return_val_if_fail (headers != NULL, NULL);

  n_headers = g_strv_length ((char **) headers);
  result = g_new0 (char *, n_headers + 1);
  for (guint i = 0; i < n_headers; i++)
    {
      ColumnMatch column = { i, { 0, 0 } };

      result[i] = g_strdup ("");
      if (match_header (headers[i], &column.match))
        g_array_append_val (matches, column);
    }

  g_array_sort (matches, compare_column_matches);
  for (guint i = 0; i < matches->len; i++)
    {
      const ColumnMatch *column = &g_array_index (matches, ColumnMatch, i);

      if (taken[column->match.field])
        continue;
      taken[column->match.field] = TRUE;
      g_free (result[column->column]);
      result[column->column] = g_strdup (import_fields[column->match.field].key);
    }

  return result;
}

static gboolean
has_han (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
        return TRUE;
    }

  return FALSE;
}

char *
rapport_import_join_name (const char *given_name,
                          const char *family_name)
{
  g_autofree char *given = rapport_text_normalize (given_name);
  g_autofree char *family = rapport_text_normalize (family_name);

  if (given[0] == '\0')
    return g_steal_pointer (&family);
  if (family[0] == '\0')
    return g_steal_pointer (&given);
  if (has_han (given) || has_han (family))
    return g_strconcat (family, given, NULL);
  return g_strconcat (given, " ", family, NULL);
}
