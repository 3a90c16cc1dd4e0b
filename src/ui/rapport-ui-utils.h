/* rapport-ui-utils.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void  rapport_widget_add_toast      (GtkWidget *widget,
                                     AdwToast  *toast);
char *rapport_format_date_time      (gint64     unix_seconds);
char *rapport_format_day_heading    (gint64     unix_seconds,
                                     gint64     now);

void  rapport_list_store_sync       (GListStore *store,
                                     GListModel *fresh);

G_END_DECLS
