/* gen-pinyin-table.c
 *
 * Build-time generator of the pinyin table that rapport-pinyin.c looks up.
 *
 * ICU's "Han-Latin" transliterator gives the pinyin of a Han character, but costs
 * tens of microseconds a call, too slow for the store's bulk loads of hundreds of
 * thousands of names. So every Han code point of the CJK blocks below is
 * transliterated once here, and the readings are written out as a C source: a
 * pool of distinct toneless syllables and one 16-bit syllable index per code
 * point. At run time a lookup is an array access.
 *
 * Syllables are lowercase ASCII; ü is written "v", as pinyin input methods do
 * ("lv" for 绿), so it stays distinct from u.
 *
 * Usage: gen-pinyin-table OUTPUT.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/utrans.h>
#include <unicode/ustring.h>

typedef struct
{
  unsigned int first;
  unsigned int last;
  const char  *name;
} Block;

/* Kept in sync with the lookup in rapport-pinyin.c, which includes the output. */
static const Block blocks[] = {
  { 0x3400, 0x4DBF, "ext_a" },
  { 0x4E00, 0x9FFF, "unified" },
  { 0xF900, 0xFAFF, "compat" },
};

typedef struct
{
  unsigned int code_point;
  const char  *syllable;
} Override;

/* Characters whose reading ICU picks is not the one they have in most names of
 * businesses and places (长城 chang, 地产 di, 成都 du, 厦门 xia). rapport-pinyin.c
 * corrects the words that read them otherwise (大厦 da sha). */
static const Override overrides[] = {
  { 0x957F, "chang" },   /* 长 */
  { 0x5730, "di" },      /* 地 */
  { 0x90FD, "du" },      /* 都 */
  { 0x53A6, "xia" },     /* 厦 */
};

#define MAX_SYLLABLES 2048
#define MAX_SYLLABLE_LEN 16

static char syllables[MAX_SYLLABLES][MAX_SYLLABLE_LEN];
static unsigned int n_syllables = 1;   /* index 0: no reading */

static unsigned int
intern_syllable (const char *syllable)
{
  for (unsigned int i = 1; i < n_syllables; i++)
    {
      if (strcmp (syllables[i], syllable) == 0)
        return i;
    }

  if (n_syllables == MAX_SYLLABLES)
    {
      fprintf (stderr, "gen-pinyin-table: too many syllables\n");
      exit (EXIT_FAILURE);
    }

  strcpy (syllables[n_syllables], syllable);
  return n_syllables++;
}

/* The reading of one code point as a lowercase ASCII syllable, or "" when ICU
 * has none (the transliterator then leaves the character as it was). */
static void
read_code_point (UTransliterator *ascii,
                 UTransliterator *han,
                 unsigned int     code_point,
                 char            *out)
{
  UChar text[64];
  int32_t length = 0;
  int32_t limit;
  UErrorCode status = U_ZERO_ERROR;
  size_t n = 0;

  U16_APPEND_UNSAFE (text, length, code_point);
  limit = length;
  utrans_transUChars (han, text, &length, 64, 0, &limit, &status);
  out[0] = '\0';
  if (U_FAILURE (status))
    return;

  /* ü in all its tones becomes v before the accents are stripped. */
  for (int32_t i = 0; i < length; i++)
    {
      switch (text[i])
        {
        case 0x00FC: case 0x01D6: case 0x01D8: case 0x01DA: case 0x01DC:
        case 0x00DC: case 0x01D5: case 0x01D7: case 0x01D9: case 0x01DB:
          text[i] = 'v';
          break;
        default:
          break;
        }
    }

  limit = length;
  utrans_transUChars (ascii, text, &length, 64, 0, &limit, &status);
  if (U_FAILURE (status))
    return;

  for (int32_t i = 0; i < length && n + 1 < MAX_SYLLABLE_LEN; i++)
    {
      UChar c = text[i];

      if (c >= 'A' && c <= 'Z')
        c = c - 'A' + 'a';
      if (c < 'a' || c > 'z')
        {
          /* Anything else (the untouched character, a space between two
           * readings) ends the first syllable. */
          if (n > 0)
            break;
          out[0] = '\0';
          return;
        }
      out[n++] = (char) c;
    }
  out[n] = '\0';
}

int
main (int    argc,
      char **argv)
{
  UErrorCode status = U_ZERO_ERROR;
  UTransliterator *han;
  UTransliterator *ascii;
  FILE *output;
  size_t n_blocks = sizeof blocks / sizeof blocks[0];
  unsigned short *indices[sizeof blocks / sizeof blocks[0]];
  unsigned int offset = 0;

  if (argc != 2)
    {
      fprintf (stderr, "Usage: gen-pinyin-table OUTPUT.c\n");
      return EXIT_FAILURE;
    }

  han = utrans_openU (u"Han-Latin", -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
  ascii = utrans_openU (u"Latin-ASCII", -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
  if (U_FAILURE (status))
    {
      fprintf (stderr, "gen-pinyin-table: cannot open ICU transliterators: %s\n",
               u_errorName (status));
      return EXIT_FAILURE;
    }

  for (size_t b = 0; b < n_blocks; b++)
    {
      unsigned int size = blocks[b].last - blocks[b].first + 1;

      indices[b] = calloc (size, sizeof (unsigned short));
      for (unsigned int i = 0; i < size; i++)
        {
          char syllable[MAX_SYLLABLE_LEN];

          read_code_point (ascii, han, blocks[b].first + i, syllable);
          for (size_t o = 0; o < sizeof overrides / sizeof overrides[0]; o++)
            {
              if (overrides[o].code_point == blocks[b].first + i)
                strcpy (syllable, overrides[o].syllable);
            }
          if (syllable[0] != '\0')
            indices[b][i] = (unsigned short) intern_syllable (syllable);
        }
    }

  output = fopen (argv[1], "w");
  if (output == NULL)
    {
      perror ("gen-pinyin-table");
      return EXIT_FAILURE;
    }

  fprintf (output, "/* Generated by gen-pinyin-table from ICU %s. Do not edit. */\n\n",
           U_ICU_VERSION);
  fprintf (output, "#include \"rapport-pinyin-table.h\"\n\n");
  fprintf (output, "#define PINYIN_N_SYLLABLES %u\n\n", n_syllables);

  /* One string holding every syllable, each NUL-terminated, and their offsets. */
  fprintf (output, "static const char pinyin_syllable_pool[] =\n");
  fprintf (output, "  \"\\0\"\n");
  for (unsigned int i = 1; i < n_syllables; i++)
    fprintf (output, "  \"%s\\0\"\n", syllables[i]);
  fprintf (output, ";\n\nstatic const unsigned short pinyin_syllable_offsets[] = {\n  0,");
  offset = 1;
  for (unsigned int i = 1; i < n_syllables; i++)
    {
      fprintf (output, "%s%u,", (i % 12) == 0 ? "\n  " : " ", offset);
      offset += (unsigned int) strlen (syllables[i]) + 1;
    }
  fprintf (output, "\n};\n");

  for (size_t b = 0; b < n_blocks; b++)
    {
      unsigned int size = blocks[b].last - blocks[b].first + 1;

      fprintf (output, "\n#define PINYIN_%s_FIRST 0x%04X\n#define PINYIN_%s_LAST 0x%04X\n",
               blocks[b].name, blocks[b].first, blocks[b].name, blocks[b].last);
      fprintf (output, "static const unsigned short pinyin_%s[] = {", blocks[b].name);
      for (unsigned int i = 0; i < size; i++)
        fprintf (output, "%s%u,", (i % 16) == 0 ? "\n  " : " ", indices[b][i]);
      fprintf (output, "\n};\n");
      free (indices[b]);
    }

  fprintf (output,
           "\nconst char *\n"
           "_rapport_pinyin_table_lookup (gunichar c)\n"
           "{\n"
           "  unsigned short index = 0;\n"
           "\n");
  for (size_t b = 0; b < n_blocks; b++)
    fprintf (output,
             "  %sif (c >= PINYIN_%s_FIRST && c <= PINYIN_%s_LAST)\n"
             "    index = pinyin_%s[c - PINYIN_%s_FIRST];\n",
             b == 0 ? "" : "else ", blocks[b].name, blocks[b].name, blocks[b].name,
             blocks[b].name);
  fprintf (output,
           "\n"
           "  return index != 0 ? pinyin_syllable_pool + pinyin_syllable_offsets[index] : NULL;\n"
           "}\n");

  utrans_close (han);
  utrans_close (ascii);

  if (fclose (output) != 0)
    {
      perror ("gen-pinyin-table");
      return EXIT_FAILURE;
    }

  return EXIT_SUCCESS;
}
