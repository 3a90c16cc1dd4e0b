/* rapport-opportunity-card.h
 *
 * One opportunity on the Pipeline board: title, customer, amount, expected
 * close (flagged when past), the stalled flag with how long, and the owner
 * when there is more than one person. It can be dragged to another column
 * (the drag carries the RapportOpportunity) and has a menu of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rapport-clock.h"
#include "rapport-opportunity.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_OPPORTUNITY_CARD (rapport_opportunity_card_get_type ())

G_DECLARE_FINAL_TYPE (RapportOpportunityCard, rapport_opportunity_card, RAPPORT, OPPORTUNITY_CARD, GtkWidget)

GtkWidget          *rapport_opportunity_card_new             (void);
/* Shows @opportunity (nullable) as of @clock; @stage_name for the accessible
 * label, @owner_name (nullable) shown when set. */
void                rapport_opportunity_card_set_opportunity (RapportOpportunityCard *self,
                                                              RapportOpportunity     *opportunity,
                                                              RapportClock           *clock,
                                                              const char             *stage_name,
                                                              const char             *owner_name);
RapportOpportunity *rapport_opportunity_card_get_opportunity (RapportOpportunityCard *self);
/* Makes the card's menu when the user opens it (transfer full). */
typedef GMenuModel *(*RapportOpportunityCardMenuFunc) (RapportOpportunityCard *card,
                                                       gpointer                user_data);
void                rapport_opportunity_card_set_menu_func   (RapportOpportunityCard         *self,
                                                              RapportOpportunityCardMenuFunc  func,
                                                              gpointer                        user_data);
/* The button that opens the menu. */
GtkButton          *rapport_opportunity_card_get_menu_button (RapportOpportunityCard *self);
/* The texts shown, for tests: "title", "customer", "amount", "close",
 * "stalled" ("" when hidden), "owner". */
const char         *rapport_opportunity_card_get_text        (RapportOpportunityCard *self,
                                                              const char             *part);

G_END_DECLS
