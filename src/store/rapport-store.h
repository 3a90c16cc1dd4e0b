/* rapport-store.h
 *
 * The repositories: every read and write of customers, contacts, interactions,
 * orders and tags. Each write is one transaction, emits "changed" on the database
 * after it commits, and validates its input with src/core's rules, failing with
 * RAPPORT_DATABASE_ERROR_INVALID and a user-facing message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rapport-customer.h"
#include "rapport-contact.h"
#include "rapport-interaction.h"
#include "rapport-follow-up.h"
#include "rapport-audience.h"
#include "rapport-greeting-rule.h"
#include "rapport-message.h"
#include "rapport-message-template.h"
#include "rapport-order.h"
#include "rapport-account.h"
#include "rapport-tag.h"
#include "rapport-database.h"
#include "rapport-customer-list-model.h"
#include "rapport-pipeline-store.h"
#include "rapport-handover-store.h"
#include "rapport-service-store.h"
#include "rapport-staff-store.h"
#include "rapport-report-store.h"
#include "rapport-tier-store.h"

G_BEGIN_DECLS

/* Customers. insert fills in id, uuid, created-at, updated-at, and the code when
 * it is empty (rapport_store_propose_customer_code). */
gboolean          rapport_store_insert_customer        (RapportDatabase  *db,
                                                        RapportCustomer  *customer,
                                                        GError          **error);
gboolean          rapport_store_update_customer        (RapportDatabase  *db,
                                                        RapportCustomer  *customer,
                                                        GError          **error);
/* Returns NULL with RAPPORT_DATABASE_ERROR_NOT_FOUND when missing; a trashed
 * customer is returned (deleted-at set). */
RapportCustomer  *rapport_store_get_customer           (RapportDatabase  *db,
                                                        gint64            id,
                                                        GError          **error);
gboolean          rapport_store_trash_customer         (RapportDatabase  *db,
                                                        gint64            id,
                                                        GError          **error);
gboolean          rapport_store_restore_customer       (RapportDatabase  *db,
                                                        gint64            id,
                                                        GError          **error);
char             *rapport_store_propose_customer_code  (RapportDatabase  *db,
                                                        const char       *name);
gboolean          rapport_store_customer_code_in_use   (RapportDatabase  *db,
                                                        const char       *code,
                                                        gint64            except_id);
guint             rapport_store_count_customers        (RapportDatabase  *db);

/* Totals and dates a customer page shows. */
typedef struct
{
  gint64  last_interaction_at;   /* 0 when none */
  char   *last_order_on;         /* YYYY-MM-DD or NULL */
  gint64  order_total;           /* minor units, in currency; orders in other currencies are not summed */
  char   *order_currency;        /* the default currency when mixed or none */
  guint   n_orders;
  guint   n_interactions;
} RapportCustomerSummary;

void              rapport_customer_summary_clear       (RapportCustomerSummary *summary);
gboolean          rapport_store_get_customer_summary   (RapportDatabase        *db,
                                                        gint64                  customer_id,
                                                        const char             *default_currency,
                                                        RapportCustomerSummary *summary,
                                                        GError                **error);

/* Users (the staff, see rapport-staff-store.h). The default user ("Me") owns
 * every customer whose owner-id is 0. @user_id 0 names the default user. */
char             *rapport_store_get_user_name          (RapportDatabase  *db,
                                                        gint64            user_id,
                                                        GError          **error);

/* Contacts (a customer's people; a short list, loaded whole). */
gboolean          rapport_store_insert_contact         (RapportDatabase  *db,
                                                        RapportContact   *contact,
                                                        GError          **error);
gboolean          rapport_store_update_contact         (RapportDatabase  *db,
                                                        RapportContact   *contact,
                                                        GError          **error);
gboolean          rapport_store_trash_contact          (RapportDatabase  *db,
                                                        gint64            id,
                                                        GError          **error);
gboolean          rapport_store_restore_contact        (RapportDatabase  *db,
                                                        gint64            id,
                                                        GError          **error);
/* Makes this contact the customer's only primary one. */
gboolean          rapport_store_set_primary_contact    (RapportDatabase  *db,
                                                        gint64            contact_id,
                                                        GError          **error);
RapportContact   *rapport_store_get_contact            (RapportDatabase  *db,
                                                        gint64            id,
                                                        GError          **error);
/* GListModel of RapportContact, primary first, then by name. */
GListModel       *rapport_store_list_contacts          (RapportDatabase  *db,
                                                        gint64            customer_id,
                                                        GError          **error);

/* Interactions. */
gboolean          rapport_store_insert_interaction     (RapportDatabase     *db,
                                                        RapportInteraction  *interaction,
                                                        GError             **error);
gboolean          rapport_store_update_interaction     (RapportDatabase     *db,
                                                        RapportInteraction  *interaction,
                                                        GError             **error);
gboolean          rapport_store_trash_interaction      (RapportDatabase     *db,
                                                        gint64               id,
                                                        GError             **error);
gboolean          rapport_store_restore_interaction    (RapportDatabase     *db,
                                                        gint64               id,
                                                        GError             **error);
/* GListModel of RapportInteraction, newest first, at most @limit (0: all). */
GListModel       *rapport_store_list_interactions      (RapportDatabase     *db,
                                                        gint64               customer_id,
                                                        guint                limit,
                                                        GError             **error);

/* Follow-ups (跟进). Every write fails with RAPPORT_DATABASE_ERROR_INVALID and a
 * user-facing message on bad input (empty title, bad due time or zone, a
 * recurrence of 0 or more than 999, a customer that is missing or in the
 * Trash). insert and update set due-at from due-local and time-zone (the local
 * zone's id when unset), and derive remind-at; an update that moves the due
 * time or the reminder clears notified-at and snoozed-until, so the reminder
 * comes again once, at its new time; every update bumps revision.
 *
 * A follow-up goes with its customer: a trashed customer's follow-ups are in
 * no list and raise no reminder, and come back with it. */
gboolean          rapport_store_insert_follow_up       (RapportDatabase  *db,
                                                        RapportFollowUp  *follow_up,
                                                        GError          **error);
gboolean          rapport_store_update_follow_up       (RapportDatabase  *db,
                                                        RapportFollowUp  *follow_up,
                                                        GError          **error);
RapportFollowUp  *rapport_store_get_follow_up          (RapportDatabase  *db,
                                                        gint64            id,
                                                        GError          **error);
gboolean          rapport_store_trash_follow_up        (RapportDatabase  *db,
                                                        gint64            id,
                                                        GError          **error);
gboolean          rapport_store_restore_follow_up      (RapportDatabase  *db,
                                                        gint64            id,
                                                        GError          **error);

/* How completing a recurring follow-up places the next one. */
typedef enum
{
  RAPPORT_RECUR_FROM_DUE,         /* the next due time follows the old one */
  RAPPORT_RECUR_FROM_COMPLETION,  /* ... follows the completion time */
} RapportRecurFrom;

/* Marks @id done at @done_at. When it recurs, creates the next occurrence and
 * returns its id in @out_next_id (0 otherwise). @revision: the revision the
 * caller saw, or 0 not to check; when the follow-up was edited since, fails
 * with RAPPORT_DATABASE_ERROR_CONFLICT and changes nothing. Completing one
 * already done changes nothing (no second next occurrence). */
gboolean          rapport_store_complete_follow_up     (RapportDatabase  *db,
                                                        gint64            id,
                                                        gint64            done_at,
                                                        RapportRecurFrom  recur_from,
                                                        gint64            revision,
                                                        gint64           *out_next_id,
                                                        GError          **error);
/* Undoes a completion: open again, and the occurrence it created (if any) is
 * removed for good. */
gboolean          rapport_store_reopen_follow_up       (RapportDatabase  *db,
                                                        gint64            id,
                                                        GError          **error);
/* The reminder comes back once at @until (UTC); the due time is unchanged.
 * @revision as for complete. */
gboolean          rapport_store_snooze_follow_up       (RapportDatabase  *db,
                                                        gint64            id,
                                                        gint64            until,
                                                        gint64            revision,
                                                        GError          **error);

/* GListModel of RapportFollowUp (customer-name filled in). A customer's, by due
 * time: the open ones, or all of them, done ones last. */
GListModel       *rapport_store_list_follow_ups        (RapportDatabase  *db,
                                                        gint64            customer_id,
                                                        gboolean          open_only,
                                                        GError          **error);
/* Every open follow-up due before @before (UTC), overdue ones included, by due
 * time: what the Today page shows. */
GListModel       *rapport_store_list_open_follow_ups   (RapportDatabase  *db,
                                                        gint64            before,
                                                        GError          **error);
/* How many open follow-ups are due before @before (the sidebar's count). */
guint             rapport_store_count_open_follow_ups  (RapportDatabase  *db,
                                                        gint64            before);

/* Reminders. The next pending reminder's instant, or 0 when none is pending:
 * what the scheduler arms its timer for. */
gint64            rapport_store_get_next_reminder_at   (RapportDatabase  *db,
                                                        GError          **error);
/* In one transaction, takes every pending reminder due at or before @now and
 * records it as delivered (notified-at = @now), so it is never taken again.
 * @fresh gets the RapportFollowUps whose reminder fell due at or after
 * @stale_before, oldest first (to announce; notified-at is @now, remind-at 0);
 * the older ones are recorded silently and only counted in @out_n_stale (they
 * are on the Today page). */
gboolean          rapport_store_take_due_reminders     (RapportDatabase  *db,
                                                        gint64            now,
                                                        gint64            stale_before,
                                                        GPtrArray       **fresh,
                                                        guint            *out_n_stale,
                                                        GError          **error);

/* Daily jobs: when each last ran (0 never), recorded in the same transaction as
 * what the job wrote. */
gint64            rapport_store_get_schedule_state     (RapportDatabase  *db,
                                                        const char       *name);
gboolean          rapport_store_set_schedule_state     (RapportDatabase  *db,
                                                        const char       *name,
                                                        gint64            value,
                                                        GError          **error);

/* Churn warnings (流失预警). A customer is at risk when the time since its last
 * order or interaction exceeds its tier's threshold and, once it has at least
 * three orders, also @gap_multiple times its typical (median) gap between
 * orders; lost customers and those with a hold until after @now are not. */
typedef struct
{
  guint  threshold_days[4];   /* by RapportTier: platinum, gold, iron, lead */
  double gap_multiple;        /* 2.0 by default */
  char  *default_currency;    /* the value is the last 12 months' orders in it */
} RapportChurnRules;

typedef struct
{
  gint64  customer_id;
  char   *name;
  char   *code;
  int     tier;               /* RapportTier */
  gint64  last_activity_at;   /* last order or interaction, UTC; 0 never */
  gint64  last_order_at;      /* UTC midnight of the last order's day; 0 none */
  guint   typical_gap_days;   /* 0 without a purchase history */
  gint64  value_12m;          /* minor units of the default currency */
  gint64  at_risk_since;      /* from the last daily check; 0 when newly found */
} RapportAtRisk;

void              rapport_at_risk_free                 (RapportAtRisk *at_risk);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportAtRisk, rapport_at_risk_free)

/* A GPtrArray of RapportAtRisk, most valuable first. Reads only: safe on a
 * worker connection. */
GPtrArray        *rapport_store_compute_at_risk        (RapportDatabase         *db,
                                                        const RapportChurnRules *rules,
                                                        gint64                   now,
                                                        GError                 **error);
/* The daily check: records @at_risk as the current set in churn_state and
 * returns (in @out_new_ids) the ids that were not at risk before. */
gboolean          rapport_store_record_at_risk         (RapportDatabase  *db,
                                                        GPtrArray        *at_risk,
                                                        gint64            now,
                                                        GArray          **out_new_ids,
                                                        GError          **error);
/* No warning for @customer_id until @until (0 clears the hold). */
gboolean          rapport_store_hold_churn_warning     (RapportDatabase  *db,
                                                        gint64            customer_id,
                                                        gint64            until,
                                                        GError          **error);
/* Stage lost, with @reason (may be NULL). */
gboolean          rapport_store_mark_customer_lost     (RapportDatabase  *db,
                                                        gint64            customer_id,
                                                        const char       *reason,
                                                        GError          **error);

/* Orders. */
gboolean          rapport_store_insert_order           (RapportDatabase  *db,
                                                        RapportOrder     *order,
                                                        GError          **error);
gboolean          rapport_store_update_order           (RapportDatabase  *db,
                                                        RapportOrder     *order,
                                                        GError          **error);
gboolean          rapport_store_trash_order            (RapportDatabase  *db,
                                                        gint64            id,
                                                        GError          **error);
gboolean          rapport_store_restore_order          (RapportDatabase  *db,
                                                        gint64            id,
                                                        GError          **error);
/* GListModel of RapportOrder, newest first. */
GListModel       *rapport_store_list_orders            (RapportDatabase  *db,
                                                        gint64            customer_id,
                                                        GError          **error);

/* Tags. A customer's tags are its "tags" property, saved with the customer;
 * tags no customer uses any more are removed. GListModel of RapportTag by name. */
GListModel       *rapport_store_list_tags              (RapportDatabase  *db,
                                                        GError          **error);

/* Trash: GListModel of RapportTrashItem (customers, contacts, interactions,
 * orders, follow-ups, opportunities, service requests), most recently deleted first. */
GListModel       *rapport_store_list_trash             (RapportDatabase  *db,
                                                        GError          **error);
gboolean          rapport_store_restore_trash_item     (RapportDatabase  *db,
                                                        RapportEntityKind kind,
                                                        gint64            id,
                                                        GError          **error);
gboolean          rapport_store_empty_trash            (RapportDatabase  *db,
                                                        GCancellable     *cancellable,
                                                        GError          **error);
gboolean          rapport_store_trash_is_empty         (RapportDatabase  *db);

/* Bulk loads (imports, sample data): between the two calls, customers are
 * added to the search index at the end, quickly; the end puts them in place
 * in one transaction. */
void              rapport_store_begin_bulk_load        (RapportDatabase  *db);
gboolean          rapport_store_end_bulk_load          (RapportDatabase  *db,
                                                        GError          **error);

/* Duplicates caught at the door: existing customers and contacts whose
 * normalised phone or e-mail, or normalised name, equals one given here.
 * @except_customer_id / @except_contact_id leave out the row being edited.
 * Returns a GListModel of RapportDuplicate (empty when none). */
GListModel       *rapport_store_find_duplicates        (RapportDatabase     *db,
                                                        const char          *name,
                                                        const char * const  *phones,
                                                        const char * const  *emails,
                                                        gint64               except_customer_id,
                                                        gint64               except_contact_id,
                                                        GError             **error);

/* Search (FTS5): customer ids ranked best first, at most @limit. */
GArray           *rapport_store_search_customers       (RapportDatabase  *db,
                                                        const char       *query,
                                                        guint             limit,
                                                        GError          **error);

/* What a search is restricted to, and the order within each rank. */
typedef struct
{
  int                  stage;   /* a RapportStage, or -1 for any */
  int                  tier;    /* a RapportTier, or -1 for any */
  const char          *tag;     /* a tag's name, or NULL for any */
  RapportCustomerSort  sort;    /* the list order within a rank */
  gint64               owner_id; /* a staff member, 0 the default user, or -1 for any */
} RapportSearchFilter;

#define RAPPORT_SEARCH_FILTER_INIT { -1, -1, NULL, RAPPORT_CUSTOMER_SORT_NAME, -1 }

/* The search with its filters applied before the limit: the first @limit
 * customers matching both, ranked, each rank in @filter's order;
 * @truncated (nullable) tells whether more matched. */
GArray           *rapport_store_search_customers_filtered (RapportDatabase            *db,
                                                           const char                 *query,
                                                           const RapportSearchFilter  *filter,
                                                           guint                       limit,
                                                           gboolean                   *truncated,
                                                           GError                    **error);

/* The outbox (发件箱). See rapport-message-repository.c: a message is claimed
 * (QUEUED → SENDING) in its own transaction before each attempt and finished
 * after it; one found SENDING at start becomes UNKNOWN and waits for the user.
 * Every write announces RAPPORT_ENTITY_KIND_MESSAGE changes with the
 * message's customer. A user's action in a state that does not allow it fails
 * with RAPPORT_DATABASE_ERROR_CONFLICT and says why. */
gboolean          rapport_store_queue_messages         (RapportDatabase            *db,
                                                        GPtrArray                  *messages,
                                                        guint                      *out_n_duplicates,
                                                        GError                    **error);
RapportMessage   *rapport_store_get_message            (RapportDatabase            *db,
                                                        gint64                      id,
                                                        GError                    **error);
/* The runner's side. */
RapportMessage   *rapport_store_claim_next_message     (RapportDatabase            *db,
                                                        gint64                      now,
                                                        GError                    **error);
gboolean          rapport_store_finish_message_sent    (RapportDatabase            *db,
                                                        gint64                      id,
                                                        const char                 *provider_id,
                                                        gint64                      sent_at,
                                                        GError                    **error);
gboolean          rapport_store_finish_message_failed  (RapportDatabase            *db,
                                                        gint64                      id,
                                                        const char                 *error_text,
                                                        gint64                      retry_at,
                                                        GError                    **error);
/* The user's word that an UNKNOWN message did arrive: SENT, logged. */
gboolean          rapport_store_mark_message_sent      (RapportDatabase            *db,
                                                        gint64                      id,
                                                        GError                    **error);
gboolean          rapport_store_finish_message_uncertain (RapportDatabase          *db,
                                                          gint64                    id,
                                                          const char               *error_text,
                                                          GError                  **error);
guint             rapport_store_recover_interrupted_messages (RapportDatabase      *db,
                                                              GError              **error);
/* The user's side. */
gboolean          rapport_store_retry_message          (RapportDatabase            *db,
                                                        gint64                      id,
                                                        GError                    **error);
gboolean          rapport_store_cancel_message         (RapportDatabase            *db,
                                                        gint64                      id,
                                                        GError                    **error);
gboolean          rapport_store_approve_messages       (RapportDatabase            *db,
                                                        const gint64               *ids,
                                                        guint                       n_ids,
                                                        GError                    **error);
gboolean          rapport_store_update_message         (RapportDatabase            *db,
                                                        RapportMessage             *message,
                                                        GError                    **error);
/* GListModel of RapportMessage, newest first (customer-name filled in);
 * @n_states 0 lists every state, @customer_id 0 every customer, @limit 0 all. */
GListModel       *rapport_store_list_messages          (RapportDatabase            *db,
                                                        const RapportMessageState  *states,
                                                        guint                       n_states,
                                                        gint64                      customer_id,
                                                        guint                       limit,
                                                        GError                    **error);
guint             rapport_store_count_messages         (RapportDatabase            *db,
                                                        RapportMessageState         state);
/* The smallest not-before of the queued messages, 0 when none is queued. */
gint64            rapport_store_get_next_message_due   (RapportDatabase            *db);
/* Greeting messages (rule-id set) queued and due before @until wait until
 * then: outside the automatic-send hours the runner's claim never takes
 * them. Returns how many moved. */
guint             rapport_store_defer_automatic_messages (RapportDatabase          *db,
                                                          gint64                    until,
                                                          GError                  **error);

/* Message templates (模板). A trashed one leaves the lists and can be
 * restored (the Trash view does not list templates yet). */
#define RAPPORT_STORE_ANY_CHANNEL (-1)
gboolean                rapport_store_insert_template  (RapportDatabase         *db,
                                                        RapportMessageTemplate  *template,
                                                        GError                 **error);
gboolean                rapport_store_update_template  (RapportDatabase         *db,
                                                        RapportMessageTemplate  *template,
                                                        GError                 **error);
RapportMessageTemplate *rapport_store_get_template     (RapportDatabase         *db,
                                                        gint64                   id,
                                                        GError                 **error);
/* GListModel of RapportMessageTemplate by name, trashed ones left out;
 * @channel a RapportChannel or RAPPORT_STORE_ANY_CHANNEL. */
GListModel             *rapport_store_list_templates   (RapportDatabase         *db,
                                                        int                      channel,
                                                        GError                 **error);
gboolean                rapport_store_trash_template   (RapportDatabase         *db,
                                                        gint64                   id,
                                                        GError                 **error);
gboolean                rapport_store_restore_template (RapportDatabase         *db,
                                                        gint64                   id,
                                                        GError                 **error);

/* Greeting rules (客户关怀). INVALID with a user-facing message when the
 * name is empty, send-time is not HH:MM, lead-days is over 30, or the kind's
 * field is missing (every-months 1–60, month-day "MM-DD", holiday key). */
gboolean             rapport_store_insert_greeting_rule (RapportDatabase      *db,
                                                         RapportGreetingRule  *rule,
                                                         GError              **error);
gboolean             rapport_store_update_greeting_rule (RapportDatabase      *db,
                                                         RapportGreetingRule  *rule,
                                                         GError              **error);
RapportGreetingRule *rapport_store_get_greeting_rule    (RapportDatabase      *db,
                                                         gint64                id,
                                                         GError              **error);
/* GListModel of RapportGreetingRule by name. */
GListModel          *rapport_store_list_greeting_rules  (RapportDatabase      *db,
                                                         gboolean              enabled_only,
                                                         GError              **error);
gboolean             rapport_store_delete_greeting_rule (RapportDatabase      *db,
                                                         gint64                id,
                                                         GError              **error);
gboolean             rapport_store_set_greeting_rule_enabled (RapportDatabase *db,
                                                              gint64           id,
                                                              gboolean         enabled,
                                                              GError         **error);

/* Recipients of a bulk send or a greeting: one per customer, or per contact
 * (contact-id set). name is the customer's or the contact's; company is the
 * customer's name for a company; contact-name/title the primary contact's (for
 * a customer) or the contact's own. email and phone are the first of each
 * (phone normalised, E.164), NULL when there is none. Every string may be
 * NULL but name. */
typedef struct
{
  gint64    customer_id;
  gint64    contact_id;             /* 0: the customer itself */
  char     *name;
  char     *contact_name;
  char     *contact_title;
  char     *company;
  char     *code;
  char     *owner;
  char     *email;
  char     *phone;
  char     *birthday;               /* YYYY-MM-DD, NULL when unknown */
  gboolean  birthday_lunar;
  gboolean  do_not_contact;         /* also when the customer of a contact is */
  char     *do_not_contact_reason;
  gint64    last_interaction_at;    /* the customer's */
} RapportRecipient;

void       rapport_recipient_free                 (RapportRecipient       *recipient);
/* A deep copy. */
RapportRecipient *rapport_recipient_copy          (const RapportRecipient *recipient);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportRecipient, rapport_recipient_free)

/* Every customer @audience matches (NULL: all), not in the Trash, and with
 * include-contacts their contacts; including those without an address or
 * marked do-not-contact, for the caller to list as skipped. */
GPtrArray *rapport_store_list_recipients          (RapportDatabase        *db,
                                                   const RapportAudience  *audience,
                                                   GError                **error);
/* How many rapport_store_list_recipients would list, without reading them. */
guint      rapport_store_count_recipients         (RapportDatabase        *db,
                                                   const RapportAudience  *audience,
                                                   GError                **error);
/* One customer and its contacts, as rapport_store_list_recipients gives them
 * with include-contacts (a one-person message's placeholders take the same
 * values as a bulk send's); read by the customer's id. */
GPtrArray *rapport_store_list_customer_recipients (RapportDatabase        *db,
                                                   gint64                  customer_id,
                                                   GError                **error);
/* Only persons with a birthday: person customers and the matching customers'
 * contacts. */
GPtrArray *rapport_store_list_birthday_recipients (RapportDatabase        *db,
                                                   const RapportAudience  *audience,
                                                   GError                **error);

/* Accounts (mail accounts and SMS gateways). Each is validated with
 * rapport_account_validate (RAPPORT_DATABASE_ERROR_INVALID with its message);
 * saving one as default clears the channel's other default. The secret is
 * never stored here (rapport-secrets.h). delete is for good: messages keep
 * their row with no account. Changes: RAPPORT_ENTITY_KIND_ACCOUNT. */
gboolean          rapport_store_insert_account         (RapportDatabase  *db,
                                                        RapportAccount   *account,
                                                        GError          **error);
gboolean          rapport_store_update_account         (RapportDatabase  *db,
                                                        RapportAccount   *account,
                                                        GError          **error);
RapportAccount   *rapport_store_get_account            (RapportDatabase  *db,
                                                        gint64            id,
                                                        GError          **error);
/* GListModel of RapportAccount, the default first, then by name. */
GListModel       *rapport_store_list_accounts          (RapportDatabase  *db,
                                                        RapportChannel    channel,
                                                        GError          **error);
/* The default account, else the oldest; NULL with NOT_FOUND when none. */
RapportAccount   *rapport_store_get_default_account    (RapportDatabase  *db,
                                                        RapportChannel    channel,
                                                        GError          **error);
gboolean          rapport_store_delete_account         (RapportDatabase  *db,
                                                        gint64            id,
                                                        GError          **error);

G_END_DECLS
