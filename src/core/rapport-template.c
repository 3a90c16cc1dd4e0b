/* rapport-template.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-template"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "rapport-template.h"
#include "rapport-text.h"

/* Longest placeholder text quoted in a problem message. */
#define QUOTE_MAX_CHARS 24

G_DEFINE_QUARK (rapport-template-error-quark, rapport_template_error)

static const char * const placeholder_keys[] = {
  "name", "contact", "company", "code", "owner", "date", "title", "holiday", NULL
};

static const char * const placeholder_labels[] = {
  N_("The customer’s name, or the person’s name"),
  N_("The contact person’s name"),
  N_("The customer’s company name"),
  N_("The customer code"),
  N_("The owner’s name"),
  N_("Today’s date"),
  N_("The contact’s title"),
  N_("The occasion, such as Spring Festival"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (placeholder_keys) == G_N_ELEMENTS (placeholder_labels) + 1);

typedef enum
{
  TOKEN_LITERAL,
  TOKEN_PLACEHOLDER,
  TOKEN_PROBLEM,
} TokenKind;

/* A piece of a parsed template: literal text with the brace escapes undone, a
 * known placeholder (its key is one of placeholder_keys), or a problem. */
typedef struct
{
  TokenKind               kind;
  char                   *text;
  const char             *key;
  RapportTemplateProblem *problem;
} Token;

static void
token_free (gpointer data)
{
  Token *token = data;

  g_free (token->text);
  g_clear_pointer (&token->problem, rapport_template_problem_free);
  g_free (token);
}

void
rapport_template_problem_free (RapportTemplateProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->placeholder);
  g_free (problem->message);
  g_free (problem);
}

static int
find_key (const char *key)
{
  for (int i = 0; placeholder_keys[i] != NULL; i++)
    if (g_strcmp0 (placeholder_keys[i], key) == 0)
      return i;

  return -1;
}

const char * const *
rapport_template_get_placeholders (void)
{
  return placeholder_keys;
}

const char *
rapport_template_get_placeholder_label (const char *key)
{
  int index = find_key (key);

  return index < 0 ? NULL : _(placeholder_labels[index]);
}

static char *
strip_spaces (const char *start,
              const char *end)
{
  while (start < end && (*start == ' ' || *start == '\t'))
    start++;
  while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
    end--;

  return start == end ? NULL : g_strndup (start, end - start);
}

static RapportTemplateProblem *
problem_new (RapportTemplateProblemKind  kind,
             gsize                       offset,
             gsize                       length,
             char                       *placeholder)
{
  RapportTemplateProblem *problem = g_new0 (RapportTemplateProblem, 1);
  g_autofree char *quoted = rapport_text_truncate (placeholder, QUOTE_MAX_CHARS);

  problem->kind = kind;
  problem->offset = offset;
  problem->length = length;
  problem->placeholder = placeholder;

  switch (kind)
    {
    case RAPPORT_TEMPLATE_PROBLEM_UNKNOWN:
      problem->message = g_strdup_printf (_("“{%s}” is not a known placeholder"), quoted);
      break;
    case RAPPORT_TEMPLATE_PROBLEM_UNTERMINATED:
      if (placeholder == NULL)
        problem->message = g_strdup (_("“{” has no closing “}”; write “{{” for a brace"));
      else
        problem->message = g_strdup_printf (_("“{%s” has no closing “}”"), quoted);
      break;
    case RAPPORT_TEMPLATE_PROBLEM_EMPTY:
      problem->message = g_strdup (_("“{}” names no placeholder; write “{{}}” for braces"));
      break;
    default:
      g_assert_not_reached ();
    }

  return problem;
}

static void
flush_literal (GPtrArray *tokens,
               GString   *literal)
{
  Token *token;

  if (literal->len == 0)
    return;

  token = g_new0 (Token, 1);
  token->kind = TOKEN_LITERAL;
  token->text = g_strndup (literal->str, literal->len);
  g_ptr_array_add (tokens, token);
  g_string_truncate (literal, 0);
}

static void
add_problem (GPtrArray              *tokens,
             RapportTemplateProblem *problem)
{
  Token *token = g_new0 (Token, 1);

  token->kind = TOKEN_PROBLEM;
  token->problem = problem;
  g_ptr_array_add (tokens, token);
}

/* Braces are ASCII, so scanning bytes is safe in UTF-8: no byte of a multi-byte
 * character equals '{' or '}'. */
static GPtrArray *
parse (const char *text)
{
  g_autoptr (GPtrArray) tokens = g_ptr_array_new_with_free_func (token_free);
  g_autoptr (GString) literal = g_string_new (NULL);
  const char *p = text != NULL ? text : "";

  while (*p != '\0')
    {
      const char *end;
      char *inner;

      if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}'))
        {
          g_string_append_c (literal, p[0]);
          p += 2;
          continue;
        }
      if (p[0] != '{')
        {
          g_string_append_c (literal, p[0]);
          p++;
          continue;
        }

      flush_literal (tokens, literal);

      end = p + 1;
      while (*end != '\0' && *end != '}' && *end != '{' && *end != '\n' && *end != '\r')
        end++;
      inner = strip_spaces (p + 1, end);

      if (*end != '}')
        {
          add_problem (tokens, problem_new (RAPPORT_TEMPLATE_PROBLEM_UNTERMINATED,
                                            p - text, end - p, inner));
          p = end;
        }
      else if (inner == NULL)
        {
          add_problem (tokens, problem_new (RAPPORT_TEMPLATE_PROBLEM_EMPTY, p - text, end + 1 - p, NULL));
          p = end + 1;
        }
      else if (find_key (inner) < 0)
        {
          add_problem (tokens, problem_new (RAPPORT_TEMPLATE_PROBLEM_UNKNOWN, p - text, end + 1 - p, inner));
          p = end + 1;
        }
      else
        {
          Token *token = g_new0 (Token, 1);

          token->kind = TOKEN_PLACEHOLDER;
          token->key = placeholder_keys[find_key (inner)];
          g_ptr_array_add (tokens, token);
          g_free (inner);
          p = end + 1;
        }
    }

  flush_literal (tokens, literal);

  return g_steal_pointer (&tokens);
}

GPtrArray *
rapport_template_check (const char *text)
{
  g_autoptr (GPtrArray) tokens = parse (text);
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_template_problem_free);

  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = g_ptr_array_index (tokens, i);

      if (token->kind == TOKEN_PROBLEM)
        g_ptr_array_add (problems, g_steal_pointer (&token->problem));
    }

  return problems;
}

GStrv
rapport_template_list_used (const char *text)
{
  g_autoptr (GPtrArray) tokens = parse (text);
  g_autoptr (GStrvBuilder) used = g_strv_builder_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = g_ptr_array_index (tokens, i);

      if (token->kind == TOKEN_PLACEHOLDER && g_hash_table_add (seen, (gpointer) token->key))
        g_strv_builder_add (used, token->key);
    }

  return g_strv_builder_end (used);
}

static gboolean
is_blank (const char *value)
{
  if (value == NULL)
    return TRUE;

  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

char *
rapport_template_render (const char  *text,
                         GHashTable  *values,
                         GError     **error)
{
  g_autoptr (GPtrArray) tokens = parse (text);
  g_autoptr (GString) rendered = g_string_new (NULL);

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = g_ptr_array_index (tokens, i);

      if (token->kind == TOKEN_PROBLEM)
        {
          g_set_error_literal (error, RAPPORT_TEMPLATE_ERROR, RAPPORT_TEMPLATE_ERROR_INVALID,
                               token->problem->message);
          return NULL;
        }
    }

  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = g_ptr_array_index (tokens, i);
      const char *value;

      if (token->kind == TOKEN_LITERAL)
        {
          g_string_append (rendered, token->text);
          continue;
        }

      value = values != NULL ? g_hash_table_lookup (values, token->key) : NULL;
      if (is_blank (value))
        {
          g_set_error (error, RAPPORT_TEMPLATE_ERROR, RAPPORT_TEMPLATE_ERROR_MISSING_VALUE,
                       /* Translators: %s is a placeholder's key, such as "name" */
                       _("There is no value for “{%s}”"), token->key);
          return NULL;
        }
      g_string_append (rendered, value);
    }

  return g_string_free (g_steal_pointer (&rendered), FALSE);
}

char *
rapport_template_format_date (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  /* Translators: the date a "{date}" placeholder stands for: %1$d is the year,
   * %2$d the month and %3$d the day; reorder them freely */
  return g_strdup_printf (_("%1$d-%2$02d-%3$02d"),
                          g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}
