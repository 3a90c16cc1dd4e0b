/* rapport-vcard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-vcard"

#include "rapport-vcard.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-date.h"
#include "rapport-import-mapping.h"

G_DEFINE_QUARK (rapport-vcard-error-quark, rapport_vcard_error)

/* RFC 6350 3.2: lines longer than 75 octets are folded. */
#define FOLD_OCTETS 75

/* ---- The card -------------------------------------------------------- */

static gpointer
vcard_copy_boxed (gpointer card)
{
  return rapport_vcard_copy (card);
}

G_DEFINE_BOXED_TYPE (RapportVCard, rapport_vcard, vcard_copy_boxed, rapport_vcard_free)

RapportVCard *
rapport_vcard_new (void)
{
  return g_new0 (RapportVCard, 1);
}

RapportVCard *
rapport_vcard_copy (const RapportVCard *card)
{
  RapportVCard *copy;

  g_return_val_if_fail (card != NULL, NULL);

  copy = rapport_vcard_new ();
  copy->formatted_name = g_strdup (card->formatted_name);
  copy->given_name = g_strdup (card->given_name);
  copy->family_name = g_strdup (card->family_name);
  copy->organisation = g_strdup (card->organisation);
  copy->title = g_strdup (card->title);
  copy->phones = g_strdupv (card->phones);
  copy->phone_types = g_strdupv (card->phone_types);
  copy->emails = g_strdupv (card->emails);
  copy->birthday = g_strdup (card->birthday);
  copy->birthday_text = g_strdup (card->birthday_text);
  copy->address = g_strdup (card->address);
  copy->note = g_strdup (card->note);
  copy->categories = g_strdupv (card->categories);
  copy->url = g_strdup (card->url);
  copy->problems = g_strdupv (card->problems);
  return copy;
}

void
rapport_vcard_free (RapportVCard *card)
{
  if (card == NULL)
    return;

  g_free (card->formatted_name);
  g_free (card->given_name);
  g_free (card->family_name);
  g_free (card->organisation);
  g_free (card->title);
  g_strfreev (card->phones);
  g_strfreev (card->phone_types);
  g_strfreev (card->emails);
  g_free (card->birthday);
  g_free (card->birthday_text);
  g_free (card->address);
  g_free (card->note);
  g_strfreev (card->categories);
  g_free (card->url);
  g_strfreev (card->problems);
  g_free (card);
}

gboolean
rapport_vcard_types_contain (const char *types,
                             const char *type)
{
  g_auto(GStrv) list = NULL;

  if (types == NULL || type == NULL)
    return FALSE;
  list = g_strsplit (types, ",", -1);
  return g_strv_contains ((const char * const *) list, type);
}

/* ---- Reading: lines ---------------------------------------------------- */

typedef struct {
  const char *pos;
} Lines;

/* The next physical line (without its CRLF, LF or CR). */
static gboolean
lines_next (Lines       *lines,
            const char **start,
            gsize       *len)
{
  const char *p = lines->pos;

  if (*p == '\0')
    return FALSE;

  *start = p;
  while (*p != '\0' && *p != '\r' && *p != '\n')
    p++;
  *len = p - *start;
  if (*p == '\r' && p[1] == '\n')
    p += 2;
  else if (*p != '\0')
    p++;
  lines->pos = p;
  return TRUE;
}

static gboolean
lines_peek (Lines       *lines,
            const char **start,
            gsize       *len)
{
  Lines copy = *lines;

  return lines_next (&copy, start, len);
}

static gboolean
is_fold (const char *line,
         gsize       len)
{
  return len > 0 && (line[0] == ' ' || line[0] == '\t');
}

/* The first ':' outside double quotes (parameter values may be quoted). */
static const char *
find_value_colon (const char *line,
                  gsize       len)
{
  gboolean quoted = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (line[i] == '"')
        quoted = !quoted;
      else if (line[i] == ':' && !quoted)
        return line + i;
    }
  return NULL;
}

/* ---- Reading: a property's name and parameters --------------------------- */

typedef struct {
  char      *name;        /* upper case, without its group */
  GPtrArray *types;       /* lower case */
  char      *charset;
  char      *value_type;  /* VALUE=, lower case */
  char      *omit_year;   /* Apple's X-APPLE-OMIT-YEAR */
  gboolean   quoted_printable;
  gboolean   binary;
  gboolean   pref;
} Property;

static void
property_clear (Property *property)
{
  g_clear_pointer (&property->name, g_free);
  g_clear_pointer (&property->types, g_ptr_array_unref);
  g_clear_pointer (&property->charset, g_free);
  g_clear_pointer (&property->value_type, g_free);
  g_clear_pointer (&property->omit_year, g_free);
}

/* Splits @text on @separator outside double quotes. */
static GPtrArray *
split_outside_quotes (const char *text,
                      char        separator)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  gboolean quoted = FALSE;
  const char *start = text;

  for (const char *p = text;; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      if (*p == '\0' || (*p == separator && !quoted))
        {
          g_ptr_array_add (parts, g_strndup (start, p - start));
          if (*p == '\0')
            break;
          start = p + 1;
        }
    }
  return parts;
}

static void
add_parameter (Property   *property,
               const char *key,
               const char *value)
{
  /* TYPE="cell,voice" (4.0) is TYPE=cell,voice. */
  g_autofree char *unquoted = g_strdup (value);
  g_auto(GStrv) values = NULL;
  char *w = unquoted;

  for (const char *r = value; *r != '\0'; r++)
    {
      if (*r != '"')
        *w++ = *r;
    }
  *w = '\0';
  values = g_strsplit (unquoted, ",", -1);

  for (guint i = 0; values[i] != NULL; i++)
    {
      g_autofree char *lower = g_ascii_strdown (g_strstrip (values[i]), -1);

      if (*lower == '\0')
        continue;

      if (key == NULL || g_ascii_strcasecmp (key, "TYPE") == 0)
        {
          /* 2.1's bare parameters are types, but for its encodings. */
          if (key == NULL && g_str_equal (lower, "quoted-printable"))
            property->quoted_printable = TRUE;
          else if (key == NULL && (g_str_equal (lower, "base64") || g_str_equal (lower, "b")))
            property->binary = TRUE;
          else if (key == NULL && (g_str_equal (lower, "8bit") || g_str_equal (lower, "7bit")))
            continue;
          else if (g_str_equal (lower, "pref"))
            property->pref = TRUE;
          else
            g_ptr_array_add (property->types, g_steal_pointer (&lower));
        }
      else if (g_ascii_strcasecmp (key, "ENCODING") == 0)
        {
          if (g_str_equal (lower, "quoted-printable"))
            property->quoted_printable = TRUE;
          else if (g_str_equal (lower, "base64") || g_str_equal (lower, "b"))
            property->binary = TRUE;
        }
      else if (g_ascii_strcasecmp (key, "CHARSET") == 0)
        {
          g_free (property->charset);
          property->charset = g_steal_pointer (&lower);
        }
      else if (g_ascii_strcasecmp (key, "VALUE") == 0)
        {
          g_free (property->value_type);
          property->value_type = g_steal_pointer (&lower);
        }
      else if (g_ascii_strcasecmp (key, "PREF") == 0)
        {
          property->pref = TRUE;
        }
      else if (g_ascii_strcasecmp (key, "X-APPLE-OMIT-YEAR") == 0)
        {
          g_free (property->omit_year);
          property->omit_year = g_steal_pointer (&lower);
        }
    }
}

/* @header: "item1.TEL;type=CELL;type=pref" (what comes before the ':'). */
static void
property_parse (Property   *property,
                const char *header)
{
  g_autoptr(GPtrArray) parts = split_outside_quotes (header, ';');
  const char *name = g_ptr_array_index (parts, 0);
  const char *dot = strrchr (name, '.');

  property->name = g_ascii_strup (g_strstrip ((char *) (dot != NULL ? dot + 1 : name)), -1);
  property->types = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 1; i < parts->len; i++)
    {
      char *parameter = g_strstrip ((char *) g_ptr_array_index (parts, i));
      char *equals = strchr (parameter, '=');

      if (*parameter == '\0')
        continue;
      if (equals == NULL)
        {
          add_parameter (property, NULL, parameter);
        }
      else
        {
          *equals = '\0';
          add_parameter (property, g_strstrip (parameter), equals + 1);
        }
    }

  if (g_str_equal (property->name, "PHOTO") || g_str_equal (property->name, "LOGO")
      || g_str_equal (property->name, "SOUND") || g_str_equal (property->name, "KEY")
      || g_strcmp0 (property->value_type, "binary") == 0)
    property->binary = TRUE;
}

/* ---- Reading: values ------------------------------------------------------ */

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

static GByteArray *
decode_quoted_printable (const char *value)
{
  GByteArray *bytes = g_byte_array_new ();

  for (const char *p = value; *p != '\0'; p++)
    {
      guint8 byte = (guint8) *p;

      if (*p == '=' && hex_value (p[1]) >= 0 && hex_value (p[2]) >= 0)
        {
          byte = (guint8) (hex_value (p[1]) * 16 + hex_value (p[2]));
          p += 2;
        }
      g_byte_array_append (bytes, &byte, 1);
    }
  return bytes;
}

/* GB2312 and GBK text is valid GB18030 (their superset), which reads more of
 * what phones write under those names. */
static const char *
iconv_charset (const char *charset)
{
  if (g_str_equal (charset, "gb2312") || g_str_equal (charset, "gbk")
      || g_str_equal (charset, "gb18030") || g_str_equal (charset, "cp936")
      || g_str_equal (charset, "x-gbk"))
    return "GB18030";
  return charset;
}

/* The text of a QUOTED-PRINTABLE value, in UTF-8, or NULL when its bytes are
 * not text in its charset. */
static char *
decode_value_bytes (const char *value,
                    const char *charset)
{
  g_autoptr(GByteArray) bytes = decode_quoted_printable (value);
  const char *data = (const char *) bytes->data;

  if (charset == NULL || g_str_equal (charset, "utf-8") || g_str_equal (charset, "utf8"))
    {
      if (g_utf8_validate_len (data, bytes->len, NULL))
        return g_strndup (data, bytes->len);
      if (charset != NULL)
        return NULL;
      /* No charset named: a Chinese phone's own. */
      return g_convert (data, bytes->len, "UTF-8", "GB18030", NULL, NULL, NULL);
    }
  else
    {
      char *text = g_convert (data, bytes->len, "UTF-8", iconv_charset (charset), NULL, NULL, NULL);

      if (text != NULL && !g_utf8_validate (text, -1, NULL))
        g_clear_pointer (&text, g_free);
      return text;
    }
}

/* Undoes the escapes of a value: in 3.0 and 4.0, "\n" or "\N" is a line
 * break and a backslash before anything else stands for that character (iOS
 * writes "http\://"); 2.1 escapes only ';'. */
static void
append_unescaped (GString    *out,
                  const char *text,
                  gsize       len,
                  gboolean    version_21)
{
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '\\' && i + 1 < len)
        {
          char next = text[i + 1];

          if (version_21 && next != ';')
            {
              g_string_append_c (out, '\\');
              continue;
            }
          i++;
          if (next == 'n' || next == 'N')
            g_string_append_c (out, '\n');
          else
            g_string_append_c (out, next);
        }
      else
        {
          g_string_append_c (out, text[i]);
        }
    }
}

/* The components of @value split on unescaped @separator, unescaped. */
static GPtrArray *
split_value (const char *value,
             char        separator,
             gboolean    version_21)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  const char *start = value;

  for (const char *p = value;; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          continue;
        }
      if (*p == '\0' || *p == separator)
        {
          GString *part = g_string_new (NULL);

          append_unescaped (part, start, p - start, version_21);
          g_ptr_array_add (parts, g_string_free (part, FALSE));
          if (*p == '\0')
            break;
          start = p + 1;
        }
    }
  return parts;
}

/* @text trimmed, or NULL when that leaves nothing. Takes @text. */
static char *
nonempty (char *text)
{
  if (text == NULL)
    return NULL;
  g_strstrip (text);
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static char *
unescape_text (const char *value,
               gboolean    version_21)
{
  GString *out = g_string_new (NULL);

  append_unescaped (out, value, strlen (value), version_21);
  return nonempty (g_string_free (out, FALSE));
}

static const char *
component (GPtrArray *parts,
           guint      index)
{
  return index < parts->len ? g_ptr_array_index (parts, index) : "";
}

static gboolean
has_han (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
        return TRUE;
    }
  return FALSE;
}

/* @text's lines, trimmed, the empty ones left out, joined by ", ". */
static char *
one_line (const char *text)
{
  g_autofree char *copy = g_strdelimit (g_strdup (text), "\r", '\n');
  g_auto(GStrv) lines = g_strsplit (copy, "\n", -1);
  g_autoptr(GString) joined = g_string_new (NULL);

  for (char **l = lines; *l != NULL; l++)
    {
      if (*g_strstrip (*l) == '\0')
        continue;
      if (joined->len > 0)
        g_string_append (joined, ", ");
      g_string_append (joined, *l);
    }
  return g_strdup (joined->str);
}

/* ADR: post office box; extended address; street; locality; region; postal
 * code; country. */
static char *
address_line (GPtrArray *parts)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_auto(GStrv) trimmed = g_new0 (char *, 8);
  gboolean han = FALSE;

  for (guint i = 0; i < 7; i++)
    {
      trimmed[i] = one_line (component (parts, i));
      han = han || has_han (trimmed[i]);
    }

  if (han)
    {
      /* Chinese order: largest first, no separators; the postal code after. */
      static const guint order[] = { 6, 4, 3, 2, 1, 0 };

      for (guint i = 0; i < G_N_ELEMENTS (order); i++)
        g_string_append (line, trimmed[order[i]]);
      if (*trimmed[5] != '\0')
        g_string_append_printf (line, line->len > 0 ? " %s" : "%s", trimmed[5]);
    }
  else
    {
      g_autofree char *region = NULL;
      const char *pieces[6];

      if (*trimmed[4] != '\0' && *trimmed[5] != '\0')
        region = g_strconcat (trimmed[4], " ", trimmed[5], NULL);
      else
        region = g_strconcat (trimmed[4], trimmed[5], NULL);

      pieces[0] = trimmed[0];
      pieces[1] = trimmed[1];
      pieces[2] = trimmed[2];
      pieces[3] = trimmed[3];
      pieces[4] = region;
      pieces[5] = trimmed[6];
      for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
        {
          if (*pieces[i] == '\0')
            continue;
          if (line->len > 0)
            g_string_append (line, ", ");
          g_string_append (line, pieces[i]);
        }
    }

  return nonempty (g_strdup (line->str));
}

static gboolean
all_digits (const char *text,
            gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }
  return TRUE;
}

/* "19800305", "1980-03-05", either with a time after 'T', as YYYY-MM-DD when
 * a real date; NULL for anything else. */
static char *
full_date (const char *value)
{
  gsize len = strcspn (value, "T");
  g_autofree char *ymd = NULL;

  if (len == 8 && all_digits (value, 8))
    ymd = g_strdup_printf ("%.4s-%.2s-%.2s", value, value + 4, value + 6);
  else if (len == 10 && value[4] == '-' && value[7] == '-' && all_digits (value, 4)
           && all_digits (value + 5, 2) && all_digits (value + 8, 2))
    ymd = g_strndup (value, 10);

  if (ymd == NULL || !rapport_date_validate (ymd, NULL))
    return NULL;
  return g_steal_pointer (&ymd);
}

/* ---- Reading: a card ---------------------------------------------------- */

typedef struct {
  gboolean   version_21;
  char      *formatted_name;
  char      *given_name;
  char      *family_name;
  char      *organisation;
  char      *title;
  GPtrArray *phones;
  GPtrArray *phone_types;
  GPtrArray *emails;
  char      *birthday;
  char      *birthday_text;
  char      *address;
  gboolean   address_pref;
  char      *label;
  GString   *note;
  GPtrArray *categories;
  char      *url;
  GPtrArray *problems;
} Card;

static void
card_reset (Card *card)
{
  g_clear_pointer (&card->formatted_name, g_free);
  g_clear_pointer (&card->given_name, g_free);
  g_clear_pointer (&card->family_name, g_free);
  g_clear_pointer (&card->organisation, g_free);
  g_clear_pointer (&card->title, g_free);
  g_clear_pointer (&card->birthday, g_free);
  g_clear_pointer (&card->birthday_text, g_free);
  g_clear_pointer (&card->address, g_free);
  g_clear_pointer (&card->label, g_free);
  g_clear_pointer (&card->url, g_free);
  g_ptr_array_set_size (card->phones, 0);
  g_ptr_array_set_size (card->phone_types, 0);
  g_ptr_array_set_size (card->emails, 0);
  g_ptr_array_set_size (card->categories, 0);
  g_ptr_array_set_size (card->problems, 0);
  g_string_truncate (card->note, 0);
  card->address_pref = FALSE;
  card->version_21 = FALSE;
}

static void
card_init (Card *card)
{
  memset (card, 0, sizeof *card);
  card->phones = g_ptr_array_new_with_free_func (g_free);
  card->phone_types = g_ptr_array_new_with_free_func (g_free);
  card->emails = g_ptr_array_new_with_free_func (g_free);
  card->categories = g_ptr_array_new_with_free_func (g_free);
  card->problems = g_ptr_array_new_with_free_func (g_free);
  card->note = g_string_new (NULL);
}

static void
card_clear (Card *card)
{
  card_reset (card);
  g_ptr_array_unref (card->phones);
  g_ptr_array_unref (card->phone_types);
  g_ptr_array_unref (card->emails);
  g_ptr_array_unref (card->categories);
  g_ptr_array_unref (card->problems);
  g_string_free (card->note, TRUE);
}

static void
set_once (char **field,
          char  *value)
{
  if (*field == NULL)
    *field = value;
  else
    g_free (value);
}

static char *
phone_types (Property *property)
{
  g_autoptr(GString) types = g_string_new (NULL);

  for (guint i = 0; i < property->types->len; i++)
    {
      const char *type = g_ptr_array_index (property->types, i);

      if (g_str_equal (type, "voice") || g_str_equal (type, "internet"))
        continue;
      if (g_str_equal (type, "mobile") || g_str_equal (type, "iphone"))
        type = "cell";
      if (rapport_vcard_types_contain (types->str, type))
        continue;
      if (types->len > 0)
        g_string_append_c (types, ',');
      g_string_append (types, type);
    }
  return g_strdup (types->str);
}

static GStrv
steal_strv (GPtrArray *array)
{
  GStrv strv = g_new0 (char *, array->len + 1);

  for (guint i = 0; i < array->len; i++)
    strv[i] = g_steal_pointer (&array->pdata[i]);
  g_ptr_array_set_size (array, 0);
  return strv;
}

static void
card_add (Card       *card,
          Property   *property,
          const char *raw_value)
{
  const char *name = property->name;
  g_autofree char *decoded = NULL;
  const char *value = raw_value;
  gboolean v21 = card->version_21;

  if (property->quoted_printable)
    {
      decoded = decode_value_bytes (raw_value, property->charset);
      if (decoded == NULL)
        {
          g_autofree char *charset = g_ascii_strup (property->charset != NULL ? property->charset : "UTF-8", -1);

          /* TRANSLATORS: the first %s is a vCard property such as FN or TEL, the second a character set such as GBK. */
          g_ptr_array_add (card->problems,
                           g_strdup_printf (_("The card’s %s line could not be read: its text is not valid %s."),
                                            name, charset));
          return;
        }
      value = decoded;
    }

  if (g_str_equal (name, "VERSION"))
    {
      card->version_21 = g_str_equal (g_strstrip ((char *) value), "2.1");
    }
  else if (g_str_equal (name, "FN"))
    {
      set_once (&card->formatted_name, unescape_text (value, v21));
    }
  else if (g_str_equal (name, "N"))
    {
      g_autoptr(GPtrArray) parts = split_value (value, ';', v21);

      set_once (&card->family_name, nonempty (g_strdup (component (parts, 0))));
      set_once (&card->given_name, nonempty (g_strdup (component (parts, 1))));
    }
  else if (g_str_equal (name, "ORG"))
    {
      g_autoptr(GPtrArray) parts = split_value (value, ';', v21);

      set_once (&card->organisation, nonempty (g_strdup (component (parts, 0))));
    }
  else if (g_str_equal (name, "TITLE"))
    {
      set_once (&card->title, unescape_text (value, v21));
    }
  else if (g_str_equal (name, "TEL"))
    {
      g_autofree char *phone = unescape_text (value, v21);

      if (phone != NULL && g_ascii_strncasecmp (phone, "tel:", 4) == 0)
        {
          char *number = nonempty (g_strdup (phone + 4));

          g_free (phone);
          phone = number;
        }
      if (phone != NULL)
        {
          g_ptr_array_add (card->phones, g_steal_pointer (&phone));
          g_ptr_array_add (card->phone_types, phone_types (property));
        }
    }
  else if (g_str_equal (name, "EMAIL"))
    {
      char *email = unescape_text (value, v21);

      if (email != NULL)
        g_ptr_array_add (card->emails, email);
    }
  else if (g_str_equal (name, "BDAY"))
    {
      g_autofree char *text = unescape_text (value, v21);

      if (text == NULL || card->birthday != NULL || card->birthday_text != NULL)
        return;
      if (g_strcmp0 (property->value_type, "text") != 0)
        card->birthday = full_date (text);
      /* iOS writes a yearless birthday with a made-up year it names. */
      if (card->birthday != NULL && property->omit_year != NULL
          && g_str_has_prefix (card->birthday, property->omit_year))
        {
          card->birthday_text = g_strdup_printf ("--%s", card->birthday + 5);
          g_clear_pointer (&card->birthday, g_free);
        }
      else if (card->birthday == NULL)
        {
          card->birthday_text = g_steal_pointer (&text);
        }
    }
  else if (g_str_equal (name, "ADR"))
    {
      g_autoptr(GPtrArray) parts = NULL;
      char *line;

      if (card->address != NULL && (card->address_pref || !property->pref))
        return;
      parts = split_value (value, ';', v21);
      line = address_line (parts);
      if (line == NULL)
        return;
      g_free (card->address);
      card->address = line;
      card->address_pref = property->pref;
    }
  else if (g_str_equal (name, "LABEL"))
    {
      g_autofree char *label = unescape_text (value, v21);

      if (label != NULL && card->label == NULL)
        card->label = one_line (label);
    }
  else if (g_str_equal (name, "NOTE"))
    {
      g_autofree char *note = unescape_text (value, v21);

      if (note == NULL)
        return;
      if (card->note->len > 0)
        g_string_append_c (card->note, '\n');
      g_string_append (card->note, note);
    }
  else if (g_str_equal (name, "CATEGORIES"))
    {
      g_autoptr(GPtrArray) parts = split_value (value, ',', v21);

      for (guint i = 0; i < parts->len; i++)
        {
          char *category = nonempty (g_strdup (g_ptr_array_index (parts, i)));

          if (category != NULL)
            g_ptr_array_add (card->categories, category);
        }
    }
  else if (g_str_equal (name, "URL"))
    {
      set_once (&card->url, unescape_text (value, v21));
    }
}

static RapportVCard *
card_finish (Card *card)
{
  RapportVCard *vcard = rapport_vcard_new ();

  vcard->formatted_name = g_steal_pointer (&card->formatted_name);
  if (vcard->formatted_name == NULL && (card->given_name != NULL || card->family_name != NULL))
    vcard->formatted_name = nonempty (rapport_import_join_name (card->given_name, card->family_name));
  vcard->given_name = g_steal_pointer (&card->given_name);
  vcard->family_name = g_steal_pointer (&card->family_name);
  vcard->organisation = g_steal_pointer (&card->organisation);
  vcard->title = g_steal_pointer (&card->title);
  vcard->phones = steal_strv (card->phones);
  vcard->phone_types = steal_strv (card->phone_types);
  vcard->emails = steal_strv (card->emails);
  vcard->birthday = g_steal_pointer (&card->birthday);
  vcard->birthday_text = g_steal_pointer (&card->birthday_text);
  vcard->address = g_steal_pointer (&card->address);
  if (vcard->address == NULL)
    vcard->address = nonempty (g_steal_pointer (&card->label));
  vcard->note = card->note->len > 0 ? g_strdup (card->note->str) : NULL;
  vcard->categories = steal_strv (card->categories);
  vcard->url = g_steal_pointer (&card->url);
  vcard->problems = card->problems->len > 0 ? steal_strv (card->problems) : NULL;

  card_reset (card);
  return vcard;
}

static gboolean
is_begin_or_end (Property   *property,
                 const char *value,
                 const char *name)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (value));

  return g_str_equal (property->name, name) && g_ascii_strcasecmp (trimmed, "VCARD") == 0;
}

/* Reads the property starting at physical line @first into @header and
 * @value (unfolded), or skips its value when it is binary. FALSE for a line
 * that is no property (no ':'). */
static gboolean
read_property (Lines      *lines,
               const char *first,
               gsize       first_len,
               Property   *property,
               GString    *value)
{
  g_autoptr(GString) header = g_string_new (NULL);
  const char *colon = find_value_colon (first, first_len);
  const char *line = first;
  gsize len = first_len;
  const char *next;
  gsize next_len;

  /* The name and parameters, rarely folded themselves. */
  while (colon == NULL)
    {
      g_string_append_len (header, line, len);
      if (!lines_peek (lines, &next, &next_len) || !is_fold (next, next_len))
        return FALSE;
      lines_next (lines, &line, &len);
      line++;
      len--;
      colon = find_value_colon (line, len);
    }
  g_string_append_len (header, line, colon - line);
  property_parse (property, header->str);

  g_string_truncate (value, 0);
  if (property->binary)
    {
      /* Photos and keys are skipped unread: their folded lines, and 2.1's
       * unindented base64 lines, which hold no ':'. */
      while (lines_peek (lines, &next, &next_len)
             && (is_fold (next, next_len)
                 || (next_len > 0 && find_value_colon (next, next_len) == NULL)))
        lines_next (lines, &next, &next_len);
      return TRUE;
    }

  g_string_append_len (value, colon + 1, len - (colon + 1 - line));
  for (;;)
    {
      gboolean soft_break = property->quoted_printable && value->len > 0
                            && value->str[value->len - 1] == '=';

      if (!lines_peek (lines, &next, &next_len))
        break;
      if (is_fold (next, next_len))
        {
          lines_next (lines, &next, &next_len);
          if (soft_break)
            g_string_truncate (value, value->len - 1);
          g_string_append_len (value, next + 1, next_len - 1);
        }
      else if (soft_break && !(next_len >= 9 && g_ascii_strncasecmp (next, "END:VCARD", 9) == 0))
        {
          lines_next (lines, &next, &next_len);
          g_string_truncate (value, value->len - 1);
          g_string_append_len (value, next, next_len);
        }
      else
        {
          break;
        }
    }
  return TRUE;
}

gboolean
rapport_vcard_foreach_card (const char        *text,
                            RapportVCardFunc   func,
                            gpointer           user_data,
                            GError           **error)
{
  g_autoptr(GString) value = g_string_new (NULL);
  Lines lines = { text };
  Card card;
  const char *line;
  gsize len;
  guint card_number = 0;
  gboolean in_card = FALSE;
  gboolean after_empty_agent = FALSE;
  guint agent_depth = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  card_init (&card);

  while (ok && lines_next (&lines, &line, &len))
    {
      Property property = { 0 };

      if (len == 0 || is_fold (line, len))
        continue;
      if (!read_property (&lines, line, len, &property, value))
        {
          property_clear (&property);
          continue;
        }

      if (agent_depth > 0)
        {
          /* A 2.1 AGENT's embedded card, not one of the file's. */
          if (is_begin_or_end (&property, value->str, "BEGIN"))
            agent_depth++;
          else if (is_begin_or_end (&property, value->str, "END"))
            agent_depth--;
        }
      else if (is_begin_or_end (&property, value->str, "BEGIN"))
        {
          if (in_card && after_empty_agent)
            {
              agent_depth = 1;
            }
          else if (in_card)
            {
              g_set_error (error, RAPPORT_VCARD_ERROR, RAPPORT_VCARD_ERROR_UNTERMINATED,
                           _("Card %u has no END:VCARD line before the next card begins."),
                           card_number);
              ok = FALSE;
            }
          else
            {
              in_card = TRUE;
              card_number++;
            }
        }
      else if (in_card && is_begin_or_end (&property, value->str, "END"))
        {
          g_autoptr(RapportVCard) vcard = card_finish (&card);

          in_card = FALSE;
          if (!func (vcard, card_number, user_data))
            {
              property_clear (&property);
              break;
            }
        }
      else if (in_card)
        {
          card_add (&card, &property, value->str);
        }

      after_empty_agent = in_card && g_str_equal (property.name, "AGENT")
                          && *g_strstrip (value->str) == '\0';
      property_clear (&property);
    }

  if (ok && in_card)
    {
      g_set_error (error, RAPPORT_VCARD_ERROR, RAPPORT_VCARD_ERROR_UNTERMINATED,
                   _("Card %u is incomplete: the file ends before its END:VCARD line, so it may be cut off."),
                   card_number);
      ok = FALSE;
    }
  else if (ok && card_number == 0)
    {
      g_set_error_literal (error, RAPPORT_VCARD_ERROR, RAPPORT_VCARD_ERROR_NO_CARDS,
                           _("This file holds no vCard: no BEGIN:VCARD line was found."));
      ok = FALSE;
    }

  card_clear (&card);
  return ok;
}

gsize
rapport_vcard_unfold_bytes (char  *data,
                            gsize  len)
{
  gsize read = 0;
  gsize written = 0;

  g_return_val_if_fail (data != NULL || len == 0, 0);

  /* UTF-16: line breaks and spaces are two bytes there. */
  if (len >= 2 && (((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE)
                   || ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)
                   || memchr (data, '\0', MIN (len, 1024)) != NULL))
    return len;

  while (read < len)
    {
      char c = data[read];
      gsize line_break = 0;

      if (c == '\r' && read + 1 < len && data[read + 1] == '\n')
        line_break = 2;
      else if (c == '\r' || c == '\n')
        line_break = 1;

      if (line_break > 0 && read + line_break < len
          && (data[read + line_break] == ' ' || data[read + line_break] == '\t'))
        {
          read += line_break + 1;
          continue;
        }
      data[written++] = data[read++];
    }
  if (written < len)
    data[written] = '\0';
  return written;
}

/* ---- Writing ----------------------------------------------------------- */

static void
escape_text (GString    *out,
             const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case ',':
          g_string_append (out, "\\,");
          break;
        case ';':
          g_string_append (out, "\\;");
          break;
        case '\r':
          if (p[1] == '\n')
            p++;
          g_string_append (out, "\\n");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
}

/* Appends @line with CRLF, folded at 75 octets, never inside a UTF-8
 * character. */
static void
append_folded (GString    *out,
               const char *line,
               gsize       len)
{
  gsize limit = FOLD_OCTETS;

  while (len > limit)
    {
      gsize cut = limit;

      /* Back off to the start of a character (continuation bytes are 10xxxxxx). */
      while (cut > 0 && ((guchar) line[cut] & 0xC0) == 0x80)
        cut--;
      g_string_append_len (out, line, cut);
      g_string_append (out, "\r\n ");
      line += cut;
      len -= cut;
      limit = FOLD_OCTETS - 1;
    }
  g_string_append_len (out, line, len);
  g_string_append (out, "\r\n");
}

static void
append_property (GString    *out,
                 GString    *line,
                 const char *header,
                 const char *text)
{
  g_string_assign (line, header);
  g_string_append_c (line, ':');
  escape_text (line, text);
  append_folded (out, line->str, line->len);
}

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

static gboolean
is_yearless (const char *text)
{
  gsize len = strlen (text);

  return g_str_has_prefix (text, "--")
         && ((len == 6 && all_digits (text + 2, 4))
             || (len == 7 && text[4] == '-' && g_ascii_isdigit (text[2]) && g_ascii_isdigit (text[3])
                 && g_ascii_isdigit (text[5]) && g_ascii_isdigit (text[6])));
}

void
rapport_vcard_append (GString            *out,
                      const RapportVCard *card)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *joined_name = NULL;
  const char *formatted_name = card->formatted_name;

  g_return_if_fail (out != NULL);
  g_return_if_fail (card != NULL);

  if (!is_set (formatted_name))
    formatted_name = joined_name = rapport_import_join_name (card->given_name, card->family_name);

  g_string_append (out, "BEGIN:VCARD\r\nVERSION:4.0\r\n");
  append_property (out, line, "FN", formatted_name != NULL ? formatted_name : "");

  if (is_set (card->given_name) || is_set (card->family_name))
    {
      g_string_assign (line, "N:");
      escape_text (line, card->family_name != NULL ? card->family_name : "");
      g_string_append_c (line, ';');
      escape_text (line, card->given_name != NULL ? card->given_name : "");
      g_string_append (line, ";;;");
      append_folded (out, line->str, line->len);
    }
  if (is_set (card->organisation))
    append_property (out, line, "ORG", card->organisation);
  if (is_set (card->title))
    append_property (out, line, "TITLE", card->title);

  for (guint i = 0; card->phones != NULL && card->phones[i] != NULL; i++)
    {
      const char *types = NULL;
      g_autofree char *header = NULL;

      if (card->phone_types != NULL && i < g_strv_length (card->phone_types))
        types = card->phone_types[i];
      header = is_set (types) ? g_strdup_printf ("TEL;TYPE=%s", types) : g_strdup ("TEL");
      append_property (out, line, header, card->phones[i]);
    }
  for (guint i = 0; card->emails != NULL && card->emails[i] != NULL; i++)
    append_property (out, line, "EMAIL", card->emails[i]);

  if (is_set (card->birthday) && strlen (card->birthday) == 10)
    {
      g_autofree char *basic = g_strdup_printf ("%.4s%.2s%.2s", card->birthday,
                                                card->birthday + 5, card->birthday + 8);

      append_property (out, line, "BDAY", basic);
    }
  else if (is_set (card->birthday_text))
    {
      append_property (out, line, is_yearless (card->birthday_text) ? "BDAY" : "BDAY;VALUE=text",
                       card->birthday_text);
    }

  if (is_set (card->address))
    {
      g_string_assign (line, "ADR:;;");
      escape_text (line, card->address);
      g_string_append (line, ";;;;");
      append_folded (out, line->str, line->len);
    }
  if (is_set (card->note))
    append_property (out, line, "NOTE", card->note);

  if (card->categories != NULL && card->categories[0] != NULL)
    {
      g_string_assign (line, "CATEGORIES:");
      for (guint i = 0; card->categories[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append_c (line, ',');
          escape_text (line, card->categories[i]);
        }
      append_folded (out, line->str, line->len);
    }
  if (is_set (card->url))
    {
      g_string_assign (line, "URL:");
      g_string_append (line, card->url);
      append_folded (out, line->str, line->len);
    }

  g_string_append (out, "END:VCARD\r\n");
}
