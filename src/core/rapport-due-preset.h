/* rapport-due-preset.h
 *
 * The quick choices for when a follow-up is due ("tomorrow morning") and for
 * how long to snooze its reminder ("tomorrow 9:00"): one rule for the dialog,
 * the Today page and the notification's actions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_DUE_PRESET_IN_AN_HOUR,       /* now + 1 h, to the next 5 minutes */
  RAPPORT_DUE_PRESET_THIS_AFTERNOON,   /* today 14:00; from 14:00 on, 17:00; from 17:00 on, tomorrow 14:00 */
  RAPPORT_DUE_PRESET_TOMORROW_MORNING, /* tomorrow 9:00 */
  RAPPORT_DUE_PRESET_NEXT_MONDAY,      /* the coming Monday 9:00 (a week on when today is Monday) */
  RAPPORT_DUE_PRESET_IN_A_MONTH,       /* the same day next month (its last day when shorter) 9:00 */
  RAPPORT_N_DUE_PRESETS,
} RapportDuePreset;

typedef enum
{
  RAPPORT_SNOOZE_ONE_HOUR,             /* now + 1 h */
  RAPPORT_SNOOZE_TOMORROW_MORNING,     /* tomorrow 9:00 */
  RAPPORT_SNOOZE_NEXT_WEEK,            /* the coming Monday 9:00 */
  RAPPORT_N_SNOOZES,
} RapportSnooze;

/* The due time ("YYYY-MM-DD HH:MM", in @now's zone) that @preset gives at @now. */
char       *rapport_due_preset_apply     (RapportDuePreset  preset,
                                          GDateTime        *now);
/* Translated, for a button: "In an Hour". */
const char *rapport_due_preset_get_label (RapportDuePreset  preset);

/* The UTC unix time a reminder snoozed at @now with @snooze comes back. */
gint64      rapport_snooze_until         (RapportSnooze     snooze,
                                          GDateTime        *now);
/* Translated, for a button or a notification action: "Tomorrow 9:00". */
const char *rapport_snooze_get_label     (RapportSnooze     snooze);

G_END_DECLS
