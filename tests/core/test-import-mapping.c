/* test-import-mapping.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "rapport-csv.h"
#include "rapport-import-mapping.h"

#include <string.h>

static void
test_mapping_chinese (void)
{
  static const struct { const char *header; const char *field; } cases[] = {
    { "客户名称", "customer-name" }, { "公司", "company" }, { "公司名称", "company" },
    { "联系人", "contact-name" }, { "姓名", "contact-name" }, { "职务", "contact-title" },
    { "手机", "mobile" }, { "手机号", "mobile" }, { "电话", "phone" }, { "座机", "phone" },
    { "固话", "phone" }, { "邮箱", "email" }, { "电子邮件", "email" }, { "地址", "address" },
    { "地区", "region" }, { "城市", "region" }, { "行业", "industry" }, { "生日", "birthday" },
    { "出生日期", "birthday" }, { "农历生日", "lunar-birthday" }, { "备注", "notes" },
    { "标签", "tags" }, { "客户编号", "code" }, { "编号", "code" }, { "来源", "source" },
    { "网站", "website" },
    /* Spaces, full-width forms, punctuation and case. */
    { " 手机号 ", "mobile" }, { "手机号：", "mobile" }, { "【备注】", "notes" },
    { "E-mail", "email" }, { "Email", "email" }, { "ＥＭＡＩＬ", "email" }, { "e_mail", "email" },
    { "Customer Name", "customer-name" }, { "Company", "company" }, { "Name", "contact-name" },
    { "First Name", "given-name" }, { "LAST NAME", "family-name" }, { "Job Title", "contact-title" },
    { "Web Page", "website" },
    /* Notes in brackets, required marks and numbered columns. */
    { "手机（必填）", "mobile" }, { "客户名称*", "customer-name" }, { "Birthday (yyyy-mm-dd)", "birthday" },
    { "生日(公历)", "birthday" }, { "电话2", "phone" }, { "Mobile 2", "mobile" },
    { "E-mail 2 Address", NULL }, { "(备注)", "notes" }, { "2", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (rapport_import_field_for_header (cases[i].header), ==, cases[i].field);

  g_assert_null (rapport_import_field_for_header ("Gender"));
  g_assert_null (rapport_import_field_for_header ("性别"));
  g_assert_null (rapport_import_field_for_header (""));
  g_assert_null (rapport_import_field_for_header ("---"));
  g_assert_null (rapport_import_field_for_header (NULL));
}

/* The header line of a Google Contacts export ("Google CSV"), as written by
 * contacts.google.com. */
static const char google_header[] =
  "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,"
  "Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,"
  "Gender,Location,Billing Information,Directory Server,Mileage,Occupation,Hobby,Sensitivity,"
  "Priority,Subject,Notes,Language,Photo,Group Membership,E-mail 1 - Type,E-mail 1 - Value,"
  "Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value,Address 1 - Type,"
  "Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,"
  "Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,"
  "Organization 1 - Type,Organization 1 - Name,Organization 1 - Yomi Name,Organization 1 - Title,"
  "Organization 1 - Department,Organization 1 - Symbol,Organization 1 - Location,"
  "Organization 1 - Job Description,Website 1 - Type,Website 1 - Value\r\n";

/* The header line of an Outlook contacts export (Outlook CSV). */
static const char outlook_header[] =
  "First Name,Middle Name,Last Name,Title,Suffix,Initials,Web Page,Gender,Birthday,Anniversary,"
  "Location,Language,Internet Free Busy,Notes,E-mail Address,E-mail 2 Address,E-mail 3 Address,"
  "Primary Phone,Home Phone,Home Phone 2,Mobile Phone,Pager,Home Fax,Home Address,Home Street,"
  "Home Street 2,Home Street 3,Home Address PO Box,Home City,Home State,Home Postal Code,"
  "Home Country,Spouse,Children,Manager's Name,Assistant's Name,Referred By,Company Main Phone,"
  "Business Phone,Business Phone 2,Business Fax,Assistant's Phone,Company,Job Title,Department,"
  "Office Location,Organizational ID Number,Profession,Account,Business Address,Business Street,"
  "Business Street 2,Business Street 3,Business Address PO Box,Business City,Business State,"
  "Business Postal Code,Business Country/Region,Other Phone,Other Fax,Other Address,Other Street,"
  "Other Street 2,Other Street 3,Other Address PO Box,Other City,Other State,Other Postal Code,"
  "Other Country,Callback,Car Phone,ISDN,Radio Phone,TTY/TDD Phone,Telex,User 1,User 2,User 3,"
  "User 4,Keywords,Mileage,Hobby,Billing Information,Directory Server,Sensitivity,Priority,"
  "Private,Categories\r\n";

/* The header line of the newer Google Contacts export (2023 on). */
static const char google_new_header[] =
  "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,"
  "Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,"
  "Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,"
  "Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Address 1 - Label,"
  "Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,"
  "Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,"
  "Website 1 - Label,Website 1 - Value\n";

static GStrv
parse_header_line (const char *line)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = rapport_csv_parse (line, strlen (line), ',', &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  return g_strdupv (g_ptr_array_index (rows, 0));
}

static GStrv
map_header_line (const char *line)
{
  g_auto(GStrv) headers = parse_header_line (line);

  return rapport_import_map_headers ((const char * const *) headers);
}

/* The one column of @line's headers mapped to @field is @expected. */
static void
assert_column (const char *line,
               const char *field,
               const char *expected)
{
  g_auto(GStrv) headers = parse_header_line (line);
  g_auto(GStrv) fields = rapport_import_map_headers ((const char * const *) headers);
  const char *found = NULL;

  for (guint i = 0; fields[i] != NULL; i++)
    {
      if (g_str_equal (fields[i], field))
        {
          g_assert_null (found);
          found = headers[i];
        }
    }
  g_assert_cmpstr (found, ==, expected);
}

static void
test_mapping_google (void)
{
  g_auto(GStrv) fields = map_header_line (google_header);

  g_assert_cmpuint (g_strv_length (fields), ==, 54);
  assert_column (google_header, "contact-name", "Name");
  assert_column (google_header, "given-name", "Given Name");
  assert_column (google_header, "family-name", "Family Name");
  assert_column (google_header, "birthday", "Birthday");
  assert_column (google_header, "notes", "Notes");
  assert_column (google_header, "tags", "Group Membership");
  assert_column (google_header, "email", "E-mail 1 - Value");
  assert_column (google_header, "mobile", "Phone 1 - Value");
  assert_column (google_header, "phone", "Phone 2 - Value");
  assert_column (google_header, "address", "Address 1 - Formatted");
  assert_column (google_header, "region", "Location");
  assert_column (google_header, "company", "Organization 1 - Name");
  assert_column (google_header, "contact-title", "Organization 1 - Title");
  assert_column (google_header, "website", "Website 1 - Value");
  /* Types, Yomi names and the like stay unmapped. */
  g_assert_cmpstr (fields[29], ==, "");
  g_assert_cmpstr (fields[4], ==, "");
}

static void
test_mapping_google_new (void)
{
  g_auto(GStrv) fields = map_header_line (google_new_header);

  g_assert_cmpuint (g_strv_length (fields), ==, 34);
  assert_column (google_new_header, "given-name", "First Name");
  assert_column (google_new_header, "family-name", "Last Name");
  assert_column (google_new_header, "contact-name", NULL);
  assert_column (google_new_header, "company", "Organization Name");
  assert_column (google_new_header, "contact-title", "Organization Title");
  assert_column (google_new_header, "birthday", "Birthday");
  assert_column (google_new_header, "tags", "Labels");
  assert_column (google_new_header, "email", "E-mail 1 - Value");
  assert_column (google_new_header, "mobile", "Phone 1 - Value");
  assert_column (google_new_header, "phone", "Phone 2 - Value");
  assert_column (google_new_header, "address", "Address 1 - Formatted");
  assert_column (google_new_header, "region", "Address 1 - City");
  assert_column (google_new_header, "website", "Website 1 - Value");
}

static void
test_mapping_outlook (void)
{
  g_auto(GStrv) fields = map_header_line (outlook_header);

  g_assert_cmpuint (g_strv_length (fields), ==, 88);
  assert_column (outlook_header, "given-name", "First Name");
  assert_column (outlook_header, "family-name", "Last Name");
  /* "Title" is Mr./Ms. there: the job title wins the field. */
  assert_column (outlook_header, "contact-title", "Job Title");
  g_assert_cmpstr (fields[3], ==, "");
  assert_column (outlook_header, "website", "Web Page");
  assert_column (outlook_header, "birthday", "Birthday");
  assert_column (outlook_header, "email", "E-mail Address");
  assert_column (outlook_header, "mobile", "Mobile Phone");
  assert_column (outlook_header, "phone", "Business Phone");
  assert_column (outlook_header, "company", "Company");
  assert_column (outlook_header, "address", "Business Address");
  assert_column (outlook_header, "tags", "Categories");
  assert_column (outlook_header, "notes", "Notes");
}

static void
test_mapping_one_column_per_field (void)
{
  const char *headers[] = { "备注", "手机2", "电话", "手机号", "座机", "Notes", "性别", "手机(备用)", NULL };
  g_auto(GStrv) fields = rapport_import_map_headers (headers);
  /* The plain 手机号 wins over 手机2 and 手机(备用), though it comes later. */
  const char *expected[] = { "notes", "", "phone", "mobile", "", "", "", "", NULL };
  const char *none[] = { NULL };
  g_auto(GStrv) empty = rapport_import_map_headers (none);

  g_assert_cmpstrv (fields, expected);
  g_assert_cmpuint (g_strv_length (empty), ==, 0);
}

static void
test_mapping_fields (void)
{
  const char * const *keys = rapport_import_fields ();

  g_assert_cmpuint (g_strv_length ((char **) keys), ==, 19);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_assert_true (rapport_import_field_is_valid (keys[i]));
      g_assert_nonnull (rapport_import_field_get_label (keys[i]));
    }
  g_assert_cmpstr (rapport_import_field_get_label ("mobile"), ==, "Mobile");
  g_assert_false (rapport_import_field_is_valid ("gender"));
  g_assert_null (rapport_import_field_get_label ("gender"));
}

static void
test_join_name (void)
{
  struct { const char *given, *family, *expected; } cases[] = {
    { "三", "张", "张三" }, { "Ann", "Lee", "Ann Lee" }, { "Ann", NULL, "Ann" },
    { "", " Lee ", "Lee" }, { NULL, NULL, "" }, { "小明", "Wang", "Wang小明" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = rapport_import_join_name (cases[i].given, cases[i].family);

      g_assert_cmpstr (name, ==, cases[i].expected);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/import-mapping/chinese-english", test_mapping_chinese);
  g_test_add_func ("/core/import-mapping/google", test_mapping_google);
  g_test_add_func ("/core/import-mapping/google-new", test_mapping_google_new);
  g_test_add_func ("/core/import-mapping/outlook", test_mapping_outlook);
  g_test_add_func ("/core/import-mapping/one-column-per-field", test_mapping_one_column_per_field);
  g_test_add_func ("/core/import-mapping/fields", test_mapping_fields);
  g_test_add_func ("/core/import-mapping/join-name", test_join_name);

  return g_test_run ();
}
