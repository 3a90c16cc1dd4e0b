/* test-template.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "rapport-template.h"

static GHashTable *
values_new (const char *first_key,
            ...)
{
  GHashTable *values = g_hash_table_new (g_str_hash, g_str_equal);
  va_list args;

  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    g_hash_table_insert (values, (gpointer) key, va_arg (args, char *));
  va_end (args);

  return values;
}

static void
test_template_placeholders (void)
{
  const char * const *keys = rapport_template_get_placeholders ();
  const char * const expected[] = { "name", "contact", "company", "code", "owner", "date", "title", "holiday", NULL };

  g_assert_cmpstrv (keys, expected);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *label = rapport_template_get_placeholder_label (keys[i]);

      g_assert_nonnull (label);
      g_assert_cmpstr (label, !=, "");
    }
  g_assert_cmpstr (rapport_template_get_placeholder_label ("name"), ==, "The customer’s name, or the person’s name");
  g_assert_null (rapport_template_get_placeholder_label ("nmae"));
  g_assert_null (rapport_template_get_placeholder_label (NULL));
}

static void
test_template_render (void)
{
  g_autoptr (GHashTable) values = values_new ("name", "王总", "company", "苏州宏达机械", "holiday", "春节",
                                              "owner", "Li Na", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  text = rapport_template_render ("{name}您好！{company}全体同仁祝您{holiday}快乐。—{ owner }", values, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "王总您好！苏州宏达机械全体同仁祝您春节快乐。—Li Na");
  g_clear_pointer (&text, g_free);

  /* The same placeholder twice, and text on both sides. */
  text = rapport_template_render ("Dear {name}, {name}!", values, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Dear 王总, 王总!");
}

static void
test_template_escapes (void)
{
  g_autoptr (GHashTable) values = values_new ("name", "Ann", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto (GStrv) used = NULL;
  g_autoptr (GPtrArray) problems = NULL;

  text = rapport_template_render ("{{name}} is {name}; a}b; {{{name}}}", values, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "{name} is Ann; a}b; {Ann}");
  g_clear_pointer (&text, g_free);

  used = rapport_template_list_used ("{{name}}");
  g_assert_cmpuint (g_strv_length (used), ==, 0);

  /* Full-width braces are plain text, not placeholders. */
  problems = rapport_template_check ("｛name｝和｛nmae｝");
  g_assert_cmpuint (problems->len, ==, 0);
  text = rapport_template_render ("｛name｝", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "｛name｝");
}

static void
test_template_values_are_data (void)
{
  g_autoptr (GHashTable) values = values_new ("name", "{company} {{x}}", "company", "ACME", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  text = rapport_template_render ("Hi {name} of {company}", values, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Hi {company} {{x}} of ACME");
}

static void
test_template_check (void)
{
  const char *text = "您好{nmae}，{} 和 {name 以及 {";
  g_autoptr (GPtrArray) problems = rapport_template_check (text);
  RapportTemplateProblem *problem;

  g_assert_cmpuint (problems->len, ==, 4);

  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpint (problem->kind, ==, RAPPORT_TEMPLATE_PROBLEM_UNKNOWN);
  g_assert_cmpuint (problem->offset, ==, strlen ("您好"));
  g_assert_cmpuint (problem->length, ==, strlen ("{nmae}"));
  g_assert_cmpstr (problem->placeholder, ==, "nmae");
  g_assert_cmpstr (problem->message, ==, "“{nmae}” is not a known placeholder");

  problem = g_ptr_array_index (problems, 1);
  g_assert_cmpint (problem->kind, ==, RAPPORT_TEMPLATE_PROBLEM_EMPTY);
  g_assert_cmpuint (problem->offset, ==, strlen ("您好{nmae}，"));
  g_assert_cmpuint (problem->length, ==, 2);
  g_assert_null (problem->placeholder);
  g_assert_nonnull (strstr (problem->message, "{}"));

  /* An unterminated one stops at the next "{", so that one is reported too. */
  problem = g_ptr_array_index (problems, 2);
  g_assert_cmpint (problem->kind, ==, RAPPORT_TEMPLATE_PROBLEM_UNTERMINATED);
  g_assert_cmpuint (problem->offset, ==, strlen ("您好{nmae}，{} 和 "));
  g_assert_cmpuint (problem->length, ==, strlen ("{name 以及 "));
  g_assert_cmpstr (problem->placeholder, ==, "name 以及");
  g_assert_cmpstr (problem->message, ==, "“{name 以及” has no closing “}”");

  problem = g_ptr_array_index (problems, 3);
  g_assert_cmpint (problem->kind, ==, RAPPORT_TEMPLATE_PROBLEM_UNTERMINATED);
  g_assert_cmpuint (problem->offset, ==, strlen (text) - 1);
  g_assert_cmpuint (problem->length, ==, 1);
  g_assert_null (problem->placeholder);
  g_assert_nonnull (strstr (problem->message, "{{"));

  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = rapport_template_check ("{name}\n{contact}，{{ok}}");
  g_assert_cmpuint (problems->len, ==, 0);

  /* A line end closes nothing. */
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = rapport_template_check ("{name\n}");
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpint (problem->kind, ==, RAPPORT_TEMPLATE_PROBLEM_UNTERMINATED);
  g_assert_cmpuint (problem->length, ==, strlen ("{name"));
}

static void
test_template_invalid_fails (void)
{
  g_autoptr (GHashTable) values = values_new ("name", "Ann", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  text = rapport_template_render ("Hi {name}, {nmae}", values, &error);
  g_assert_error (error, RAPPORT_TEMPLATE_ERROR, RAPPORT_TEMPLATE_ERROR_INVALID);
  g_assert_null (text);
  g_assert_cmpstr (error->message, ==, "“{nmae}” is not a known placeholder");
  g_clear_error (&error);

  text = rapport_template_render ("Hi {name", values, &error);
  g_assert_error (error, RAPPORT_TEMPLATE_ERROR, RAPPORT_TEMPLATE_ERROR_INVALID);
  g_assert_null (text);
}

static void
test_template_missing_value (void)
{
  g_autoptr (GHashTable) values = values_new ("name", "Ann", "title", " \t　", "contact", "", NULL);
  const char *templates[] = { "{company}", "{title}", "{contact}" };
  const char *named[] = { "{company}", "{title}", "{contact}" };

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *text = rapport_template_render (templates[i], values, &error);

      g_assert_error (error, RAPPORT_TEMPLATE_ERROR, RAPPORT_TEMPLATE_ERROR_MISSING_VALUE);
      g_assert_null (text);
      g_assert_nonnull (strstr (error->message, named[i]));
    }

  /* Without values, only a template without placeholders renders. */
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *plain = rapport_template_render ("新年快乐", NULL, &error);
    g_autofree char *missing = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (plain, ==, "新年快乐");
    missing = rapport_template_render ("{name}", NULL, &error);
    g_assert_error (error, RAPPORT_TEMPLATE_ERROR, RAPPORT_TEMPLATE_ERROR_MISSING_VALUE);
    g_assert_null (missing);
  }
}

static void
test_template_list_used (void)
{
  g_auto (GStrv) used = rapport_template_list_used ("{holiday}快乐，{name}！{ name }、{nmae}、{holiday}、{date}");
  const char * const expected[] = { "holiday", "name", "date", NULL };

  g_assert_cmpstrv (used, expected);
}

static void
test_template_empty (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *from_null = rapport_template_render (NULL, NULL, &error);
  g_autofree char *from_empty = NULL;
  g_autoptr (GPtrArray) problems = rapport_template_check (NULL);
  g_auto (GStrv) used = rapport_template_list_used (NULL);

  g_assert_no_error (error);
  g_assert_cmpstr (from_null, ==, "");
  from_empty = rapport_template_render ("", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (from_empty, ==, "");
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_nonnull (used);
  g_assert_cmpuint (g_strv_length (used), ==, 0);
}

static void
test_template_format_date (void)
{
  g_autoptr (GDate) date = g_date_new_dmy (9, G_DATE_MARCH, 2026);
  g_autofree char *text = rapport_template_format_date (date);

  g_assert_cmpstr (text, ==, "2026-03-09");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/template/placeholders", test_template_placeholders);
  g_test_add_func ("/core/template/render", test_template_render);
  g_test_add_func ("/core/template/escapes", test_template_escapes);
  g_test_add_func ("/core/template/values-are-data", test_template_values_are_data);
  g_test_add_func ("/core/template/check", test_template_check);
  g_test_add_func ("/core/template/invalid-fails", test_template_invalid_fails);
  g_test_add_func ("/core/template/missing-value", test_template_missing_value);
  g_test_add_func ("/core/template/list-used", test_template_list_used);
  g_test_add_func ("/core/template/empty", test_template_empty);
  g_test_add_func ("/core/template/format-date", test_template_format_date);

  return g_test_run ();
}
