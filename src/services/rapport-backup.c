/* rapport-backup.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-backup"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rapport-backup.h"

#define FILE_NAME_PREFIX "rapport-"
#define FILE_NAME_SUFFIX ".db"
/* After the time in a name: it is UTC. */
#define UTC_MARK "Z"

struct _RapportBackup
{
  GObject parent_instance;

  char                *path;
  gint64               created_at;
  guint64              size;
  RapportBackupReason  reason;
  /* Tells apart backups made in the same second (0 for the first): the higher
   * one is newer. */
  guint                sequence;
};

G_DEFINE_FINAL_TYPE (RapportBackup, rapport_backup, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (RapportBackupReason, rapport_backup_reason,
  G_DEFINE_ENUM_VALUE (RAPPORT_BACKUP_REASON_AUTOMATIC, "automatic"),
  G_DEFINE_ENUM_VALUE (RAPPORT_BACKUP_REASON_MANUAL, "manual"),
  G_DEFINE_ENUM_VALUE (RAPPORT_BACKUP_REASON_BEFORE_MIGRATION, "before-migration"),
  G_DEFINE_ENUM_VALUE (RAPPORT_BACKUP_REASON_BEFORE_RESTORE, "before-restore"))

enum {
  PROP_0,
  PROP_PATH,
  PROP_CREATED_AT,
  PROP_SIZE,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static gboolean
parse_digits (const char *str,
              guint       n,
              int        *out)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (str[i]))
        return FALSE;
      value = value * 10 + (str[i] - '0');
    }

  *out = value;
  return TRUE;
}

/* "automatic" or "automatic-3" → reason and sequence (0 without a suffix). */
static gboolean
parse_reason (const char          *str,
              RapportBackupReason *reason,
              guint               *sequence)
{
  const char *dash;
  g_autofree char *head = NULL;
  guint64 n;

  if (rapport_backup_reason_from_string (str, reason))
    {
      *sequence = 0;
      return TRUE;
    }

  dash = strrchr (str, '-');
  if (dash == NULL || dash[1] == '\0')
    return FALSE;
  if (!g_ascii_string_to_unsigned (dash + 1, 10, 1, G_MAXUINT, &n, NULL))
    return FALSE;

  head = g_strndup (str, dash - str);
  if (!rapport_backup_reason_from_string (head, reason))
    return FALSE;

  *sequence = (guint) n;
  return TRUE;
}

/* GObject */

static void
rapport_backup_finalize (GObject *object)
{
  RapportBackup *self = RAPPORT_BACKUP (object);

  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (rapport_backup_parent_class)->finalize (object);
}

static void
rapport_backup_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RapportBackup *self = RAPPORT_BACKUP (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_SIZE:
      g_value_set_uint64 (value, self->size);
      break;

    case PROP_REASON:
      g_value_set_enum (value, self->reason);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_backup_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RapportBackup *self = RAPPORT_BACKUP (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_free (self->path);
      self->path = g_value_dup_string (value);
      break;

    case PROP_CREATED_AT:
      self->created_at = g_value_get_int64 (value);
      break;

    case PROP_SIZE:
      self->size = g_value_get_uint64 (value);
      break;

    case PROP_REASON:
      self->reason = g_value_get_enum (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_backup_class_init (RapportBackupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_backup_finalize;
  object_class->get_property = rapport_backup_get_property;
  object_class->set_property = rapport_backup_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIZE] =
    g_param_spec_uint64 ("size", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON] =
    g_param_spec_enum ("reason", NULL, NULL,
                       RAPPORT_TYPE_BACKUP_REASON,
                       RAPPORT_BACKUP_REASON_AUTOMATIC,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_backup_init (RapportBackup *self)
{
}

/* Public API */

const char *
rapport_backup_get_path (RapportBackup *self)
{
  g_return_val_if_fail (RAPPORT_IS_BACKUP (self), NULL);

  return self->path;
}

gint64
rapport_backup_get_created_at (RapportBackup *self)
{
  g_return_val_if_fail (RAPPORT_IS_BACKUP (self), 0);

  return self->created_at;
}

guint64
rapport_backup_get_size (RapportBackup *self)
{
  g_return_val_if_fail (RAPPORT_IS_BACKUP (self), 0);

  return self->size;
}

RapportBackupReason
rapport_backup_get_reason (RapportBackup *self)
{
  g_return_val_if_fail (RAPPORT_IS_BACKUP (self), RAPPORT_BACKUP_REASON_AUTOMATIC);

  return self->reason;
}

/**
 * rapport_backup_reason_get_label:
 * @reason: a #RapportBackupReason
 *
 * Returns: the translated name of @reason, for the list of backups
 */
const char *
rapport_backup_reason_get_label (RapportBackupReason reason)
{
  switch (reason)
    {
    case RAPPORT_BACKUP_REASON_AUTOMATIC:
      return _("Automatic");
    case RAPPORT_BACKUP_REASON_MANUAL:
      return _("Manual");
    case RAPPORT_BACKUP_REASON_BEFORE_MIGRATION:
      return _("Before upgrade");
    case RAPPORT_BACKUP_REASON_BEFORE_RESTORE:
      return _("Before restore");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * rapport_backup_reason_to_string:
 * @reason: a #RapportBackupReason
 *
 * Returns: the stable key of @reason used in file names
 */
const char *
rapport_backup_reason_to_string (RapportBackupReason reason)
{
  switch (reason)
    {
    case RAPPORT_BACKUP_REASON_AUTOMATIC:
      return "automatic";
    case RAPPORT_BACKUP_REASON_MANUAL:
      return "manual";
    case RAPPORT_BACKUP_REASON_BEFORE_MIGRATION:
      return "before-migration";
    case RAPPORT_BACKUP_REASON_BEFORE_RESTORE:
      return "before-restore";
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * rapport_backup_reason_from_string:
 * @str: (nullable): a key from rapport_backup_reason_to_string()
 * @out: (out): the reason
 *
 * Returns: %TRUE if @str is a known key
 */
gboolean
rapport_backup_reason_from_string (const char          *str,
                                   RapportBackupReason *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (RapportBackupReason r = RAPPORT_BACKUP_REASON_AUTOMATIC;
       r <= RAPPORT_BACKUP_REASON_BEFORE_RESTORE;
       r++)
    {
      if (g_str_equal (str, rapport_backup_reason_to_string (r)))
        {
          *out = r;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * rapport_backup_build_file_name:
 * @time: when the backup is made, in any time zone
 * @reason: why
 * @sequence: 0, or more to tell apart backups made in the same second
 *
 * Returns: (transfer full): the base name of the backup file, its time in UTC
 */
char *
rapport_backup_build_file_name (GDateTime           *time,
                                RapportBackupReason  reason,
                                guint                sequence)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *stamp = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  utc = g_date_time_to_utc (time);
  stamp = g_date_time_format (utc, "%Y%m%d-%H%M%S" UTC_MARK);

  if (sequence == 0)
    return g_strdup_printf (FILE_NAME_PREFIX "%s-%s" FILE_NAME_SUFFIX,
                            stamp, rapport_backup_reason_to_string (reason));

  return g_strdup_printf (FILE_NAME_PREFIX "%s-%s-%u" FILE_NAME_SUFFIX,
                          stamp, rapport_backup_reason_to_string (reason), sequence);
}

/* Reads "rapport-" + "YYYYMMDD-HHMMSS" + "Z" (UTC; without it, the local time
 * of earlier versions) + "-" + reason + ".db" back. */
static gboolean
parse_file_name (const char           *base,
                 gint64               *created_at,
                 RapportBackupReason  *reason,
                 guint                *sequence)
{
  g_autofree char *reason_str = NULL;
  g_autoptr(GDateTime) time = NULL;
  gsize len = strlen (base);
  gboolean utc;
  const char *p;
  int year, month, day, hour, minute, second;

  if (!g_str_has_prefix (base, FILE_NAME_PREFIX) || !g_str_has_suffix (base, FILE_NAME_SUFFIX))
    return FALSE;
  if (len < strlen (FILE_NAME_PREFIX) + 16 + 1 + strlen (FILE_NAME_SUFFIX))
    return FALSE;

  p = base + strlen (FILE_NAME_PREFIX);
  if (!parse_digits (p, 4, &year) ||
      !parse_digits (p + 4, 2, &month) ||
      !parse_digits (p + 6, 2, &day) ||
      p[8] != '-' ||
      !parse_digits (p + 9, 2, &hour) ||
      !parse_digits (p + 11, 2, &minute) ||
      !parse_digits (p + 13, 2, &second))
    return FALSE;

  p += 15;
  utc = *p == UTC_MARK[0];
  if (utc)
    p++;
  if (*p != '-')
    return FALSE;
  p++;

  if (p >= base + len - strlen (FILE_NAME_SUFFIX))
    return FALSE;
  reason_str = g_strndup (p, base + len - strlen (FILE_NAME_SUFFIX) - p);
  if (!parse_reason (reason_str, reason, sequence))
    return FALSE;

  if (utc)
    time = g_date_time_new_utc (year, month, day, hour, minute, second);
  else
    time = g_date_time_new_local (year, month, day, hour, minute, second);
  if (time == NULL)
    return FALSE;

  *created_at = g_date_time_to_unix (time);
  return TRUE;
}

/**
 * rapport_backup_is_file_name:
 * @name: a file's base name
 *
 * Returns: whether @name is the name of a backup, made by this version of
 *   Rapport or an earlier one
 */
gboolean
rapport_backup_is_file_name (const char *name)
{
  RapportBackupReason reason;
  gint64 created_at;
  guint sequence;

  g_return_val_if_fail (name != NULL, FALSE);

  return parse_file_name (name, &created_at, &reason, &sequence);
}

/**
 * rapport_backup_new_for_file:
 * @path: a file in a backup folder
 *
 * Reads the time and reason back from the file's name, which
 * rapport_backup_build_file_name() made (or an earlier version of Rapport, in
 * local time).
 *
 * Returns: (transfer full) (nullable): the backup, or %NULL when @path is not a
 *   backup
 */
RapportBackup *
rapport_backup_new_for_file (const char *path)
{
  g_autofree char *base = NULL;
  RapportBackupReason reason;
  RapportBackup *self;
  GStatBuf st;
  gint64 created_at;
  guint sequence;

  g_return_val_if_fail (path != NULL, NULL);

  base = g_path_get_basename (path);
  if (!parse_file_name (base, &created_at, &reason, &sequence))
    return NULL;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return NULL;

  self = g_object_new (RAPPORT_TYPE_BACKUP,
                       "path", path,
                       "created-at", created_at,
                       "size", (guint64) st.st_size,
                       "reason", reason,
                       NULL);
  self->sequence = sequence;

  return self;
}

/**
 * rapport_backup_compare:
 * @a: a #RapportBackup
 * @b: a #RapportBackup
 *
 * Returns: negative when @a is newer than @b, for sorting newest first
 */
int
rapport_backup_compare (gconstpointer a,
                        gconstpointer b)
{
  const RapportBackup *ba = a;
  const RapportBackup *bb = b;

  if (ba->created_at != bb->created_at)
    return ba->created_at > bb->created_at ? -1 : 1;
  if (ba->sequence != bb->sequence)
    return ba->sequence > bb->sequence ? -1 : 1;

  return g_strcmp0 (bb->path, ba->path);
}
