/* rapport-merge-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rapport-merge-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-enums.h"
#include "rapport-merge-dialog.h"
#include "rapport-phone.h"
#include "rapport-store.h"

typedef enum {
  FIELD_TEXT,
  FIELD_KIND,
  FIELD_STAGE,
  FIELD_POTENTIAL,
  FIELD_BIRTHDAY,
} FieldType;

typedef struct
{
  const char *property;
  const char *label;
  FieldType   type;
} MergeField;

/* The fields a user picks a value for, in the customer editor's order. The
 * code is the kept customer's: the others keep theirs in the Trash, and a
 * code is unique. */
static const MergeField merge_fields[] = {
  { "name", N_("Name"), FIELD_TEXT },
  { "kind", N_("Kind"), FIELD_KIND },
  { "stage", N_("Stage"), FIELD_STAGE },
  { "potential", N_("Potential"), FIELD_POTENTIAL },
  { "industry", N_("Industry"), FIELD_TEXT },
  { "region", N_("Region"), FIELD_TEXT },
  { "address", N_("Address"), FIELD_TEXT },
  { "website", N_("Website"), FIELD_TEXT },
  { "source", N_("Source"), FIELD_TEXT },
  { "birthday", N_("Birthday"), FIELD_BIRTHDAY },
  { "notes", N_("Notes"), FIELD_TEXT },
};

/* The distinct values of one field among the customers. */
typedef struct
{
  const MergeField *field;
  GArray           *holders;   /* guint: for each distinct value, the first customer holding it */
  guint             chosen;    /* position in holders */
  AdwComboRow      *row;       /* when there is a choice */
} FieldChoice;

struct _RapportMergeDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  GtkButton           *merge_button;
  AdwComboRow         *survivor_row;
  AdwPreferencesGroup *fields_group;
  AdwPreferencesGroup *united_group;
  AdwActionRow        *phones_row;
  AdwActionRow        *emails_row;
  AdwActionRow        *tags_row;
  AdwActionRow        *moves_row;

  /* Owned */
  GPtrArray           *customers;  /* RapportCustomer */
  char                *country_code; /* the book's, to show phones */
  GArray              *n_contacts; /* guint per customer */
  GArray              *n_interactions;
  GArray              *n_orders;
  FieldChoice          choices[G_N_ELEMENTS (merge_fields)];
  guint                survivor;
  gboolean             filling;    /* rows being rebuilt: selections are not choices */
};

G_DEFINE_FINAL_TYPE (RapportMergeDialog, rapport_merge_dialog, ADW_TYPE_WINDOW)

enum {
  MERGE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static RapportCustomer *
get_customer (RapportMergeDialog *self,
              guint               index)
{
  return g_ptr_array_index (self->customers, index);
}

/* A field's value as the user reads it; "" when empty. */
static char *
dup_field_text (RapportCustomer  *customer,
                const MergeField *field)
{
  switch (field->type)
    {
    case FIELD_TEXT:
      {
        g_autofree char *text = NULL;

        g_object_get (customer, field->property, &text, NULL);
        return g_strdup (text != NULL ? text : "");
      }

    case FIELD_KIND:
      return g_strdup (rapport_customer_kind_get_label (rapport_customer_get_kind (customer)));

    case FIELD_STAGE:
      return g_strdup (rapport_stage_get_label (rapport_customer_get_stage (customer)));

    case FIELD_POTENTIAL:
      return g_strdup (rapport_potential_get_label (rapport_customer_get_potential (customer)));

    case FIELD_BIRTHDAY:
      {
        const char *birthday = rapport_customer_get_birthday (customer);

        if (birthday == NULL || birthday[0] == '\0')
          return g_strdup ("");
        if (rapport_customer_get_birthday_lunar (customer))
          /* Translators: a birthday in the lunar calendar, e.g. "1980-03-05 (lunar)" */
          return g_strdup_printf (_("%s (lunar)"), birthday);
        return g_strdup (birthday);
      }

    default:
      g_assert_not_reached ();
    }
}

static void
copy_property (RapportCustomer *to,
               RapportCustomer *from,
               const char      *property)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (from), property);
  GValue value = G_VALUE_INIT;

  g_assert (pspec != NULL);
  g_value_init (&value, pspec->value_type);
  g_object_get_property (G_OBJECT (from), property, &value);
  g_object_set_property (G_OBJECT (to), property, &value);
  g_value_unset (&value);
}

static void
copy_field (RapportCustomer  *to,
            RapportCustomer  *from,
            const MergeField *field)
{
  copy_property (to, from, field->property);
  if (field->type == FIELD_BIRTHDAY)
    copy_property (to, from, "birthday-lunar");
}

/* The values of @getter over the customers, the survivor's first, each once. */
static GStrv
unite (RapportMergeDialog  *self,
       const char * const *(*getter) (RapportCustomer *))
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint n = 0; n < self->customers->len; n++)
    {
      /* The survivor first, then the others in their order. */
      guint i = n == 0 ? self->survivor : (n <= self->survivor ? n - 1 : n);
      const char * const *values = getter (get_customer (self, i));

      for (guint v = 0; values != NULL && values[v] != NULL; v++)
        {
          if (g_hash_table_add (seen, (gpointer) values[v]))
            g_strv_builder_add (builder, values[v]);
        }
    }

  return g_strv_builder_end (builder);
}

static void
set_united_row (AdwActionRow *row,
                GStrv         values)
{
  g_autofree char *text = g_strjoinv (", ", values);

  adw_action_row_set_subtitle (row, text[0] != '\0' ? text : _("None"));
}

static void
update_moves (RapportMergeDialog *self)
{
  guint contacts = 0, interactions = 0, orders = 0;
  g_autofree char *text = NULL;
  g_autofree char *c = NULL, *i = NULL, *o = NULL;

  for (guint n = 0; n < self->customers->len; n++)
    {
      if (n == self->survivor)
        continue;
      contacts += g_array_index (self->n_contacts, guint, n);
      interactions += g_array_index (self->n_interactions, guint, n);
      orders += g_array_index (self->n_orders, guint, n);
    }

  c = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contact", "%u contacts", contacts), contacts);
  i = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u interaction", "%u interactions", interactions), interactions);
  o = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u order", "%u orders", orders), orders);
  /* Translators: what moves to the customer kept: "3 contacts, 12 interactions, 2 orders" */
  text = g_strdup_printf (_("%s, %s, %s"), c, i, o);
  adw_action_row_set_subtitle (self->moves_row, text);
}

static void update_united (RapportMergeDialog *self);

static void
choice_changed_cb (AdwComboRow        *row,
                   GParamSpec         *pspec,
                   RapportMergeDialog *self)
{
  FieldChoice *choice = g_object_get_data (G_OBJECT (row), "choice");
  guint selected = adw_combo_row_get_selected (row);

  if (self->filling || choice == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  choice->chosen = selected;
}

/* Finds each field's distinct values and offers a choice where there are
 * several, the survivor's value (or else the first given) chosen. */
static void
build_choices (RapportMergeDialog *self)
{
  self->filling = TRUE;

  for (guint f = 0; f < G_N_ELEMENTS (merge_fields); f++)
    {
      FieldChoice *choice = &self->choices[f];
      g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GtkStringList) list = gtk_string_list_new (NULL);
      g_autofree char *survivor_text = dup_field_text (get_customer (self, self->survivor), choice->field);

      if (choice->row != NULL)
        {
          adw_preferences_group_remove (self->fields_group, GTK_WIDGET (choice->row));
          choice->row = NULL;
        }
      g_array_set_size (choice->holders, 0);
      choice->chosen = 0;

      for (guint i = 0; i < self->customers->len; i++)
        {
          char *text = dup_field_text (get_customer (self, i), choice->field);
          gboolean known = text[0] == '\0';

          for (guint t = 0; !known && t < texts->len; t++)
            known = g_str_equal (g_ptr_array_index (texts, t), text);
          if (known)
            {
              g_free (text);
              continue;
            }

          if (g_str_equal (text, survivor_text))
            choice->chosen = choice->holders->len;
          g_array_append_val (choice->holders, i);
          g_ptr_array_add (texts, text);
        }

      if (choice->holders->len < 2)
        continue;

      for (guint t = 0; t < texts->len; t++)
        {
          g_autofree char *line = g_strdelimit (g_strdup (g_ptr_array_index (texts, t)), "\r\n", ' ');

          gtk_string_list_append (list, line);
        }

      choice->row = ADW_COMBO_ROW (adw_combo_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (choice->row), _(choice->field->label));
      adw_combo_row_set_model (choice->row, G_LIST_MODEL (list));
      adw_combo_row_set_selected (choice->row, choice->chosen);
      g_object_set_data (G_OBJECT (choice->row), "choice", choice);
      g_signal_connect (choice->row, "notify::selected", G_CALLBACK (choice_changed_cb), self);
      adw_preferences_group_add (self->fields_group, GTK_WIDGET (choice->row));
    }

  self->filling = FALSE;

  {
    gboolean any = FALSE;

    for (guint f = 0; f < G_N_ELEMENTS (merge_fields); f++)
      any |= self->choices[f].row != NULL;
    gtk_widget_set_visible (GTK_WIDGET (self->fields_group), any);
  }
}

static void
update_united (RapportMergeDialog *self)
{
  g_auto (GStrv) phones = unite (self, rapport_customer_get_phones);
  g_auto (GStrv) emails = unite (self, rapport_customer_get_emails);
  g_auto (GStrv) tags = unite (self, rapport_customer_get_tags);

  for (guint i = 0; phones[i] != NULL; i++)
    {
      char *shown = rapport_phone_format (phones[i], self->country_code);

      g_free (phones[i]);
      phones[i] = shown;
    }
  set_united_row (self->phones_row, phones);
  set_united_row (self->emails_row, emails);
  set_united_row (self->tags_row, tags);
  update_moves (self);
}

static guint
count_model (GListModel *model)
{
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  g_clear_object (&model);
  return n;
}

/* Callbacks */

static void
survivor_changed_cb (RapportMergeDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->survivor_row);

  if (self->customers == NULL || selected == GTK_INVALID_LIST_POSITION || selected == self->survivor)
    return;

  self->survivor = selected;
  build_choices (self);
  update_united (self);
}

static void
merge_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RapportMergeDialog *self = RAPPORT_MERGE_DIALOG (widget);

  g_signal_emit (self, signals[MERGE_CHOSEN], 0);
  gtk_window_close (GTK_WINDOW (self));
}

/* GObject */

static void
rapport_merge_dialog_dispose (GObject *object)
{
  RapportMergeDialog *self = RAPPORT_MERGE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_MERGE_DIALOG);
  for (guint f = 0; f < G_N_ELEMENTS (merge_fields); f++)
    {
      g_clear_pointer (&self->choices[f].holders, g_array_unref);
      self->choices[f].row = NULL;
    }
  g_clear_pointer (&self->customers, g_ptr_array_unref);
  g_clear_pointer (&self->country_code, g_free);
  g_clear_pointer (&self->n_contacts, g_array_unref);
  g_clear_pointer (&self->n_interactions, g_array_unref);
  g_clear_pointer (&self->n_orders, g_array_unref);

  G_OBJECT_CLASS (rapport_merge_dialog_parent_class)->dispose (object);
}

static void
rapport_merge_dialog_class_init (RapportMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_merge_dialog_dispose;

  /**
   * RapportMergeDialog::merge-chosen:
   *
   * The user asked to merge with the choices shown.
   */
  signals[MERGE_CHOSEN] = g_signal_new ("merge-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "merge.merge", NULL, merge_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/rapport-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportMergeDialog, merge_button);
  gtk_widget_class_bind_template_child (widget_class, RapportMergeDialog, survivor_row);
  gtk_widget_class_bind_template_child (widget_class, RapportMergeDialog, fields_group);
  gtk_widget_class_bind_template_child (widget_class, RapportMergeDialog, united_group);
  gtk_widget_class_bind_template_child (widget_class, RapportMergeDialog, phones_row);
  gtk_widget_class_bind_template_child (widget_class, RapportMergeDialog, emails_row);
  gtk_widget_class_bind_template_child (widget_class, RapportMergeDialog, tags_row);
  gtk_widget_class_bind_template_child (widget_class, RapportMergeDialog, moves_row);
  gtk_widget_class_bind_template_callback (widget_class, survivor_changed_cb);
}

static void
rapport_merge_dialog_init (RapportMergeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint f = 0; f < G_N_ELEMENTS (merge_fields); f++)
    {
      self->choices[f].field = &merge_fields[f];
      self->choices[f].holders = g_array_new (FALSE, FALSE, sizeof (guint));
    }
}

/* Public API */

/**
 * rapport_merge_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @db: the main connection (counts what moves)
 * @customers: (element-type RapportCustomer): two or more, oldest first
 *
 * Returns: (transfer floating): a new dialog, the oldest customer kept
 */
GtkWidget *
rapport_merge_dialog_new (GtkWindow       *parent,
                          RapportDatabase *db,
                          GPtrArray       *customers)
{
  RapportMergeDialog *self;
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RAPPORT_IS_DATABASE (db), NULL);
  g_return_val_if_fail (customers != NULL && customers->len >= 2, NULL);

  self = g_object_new (RAPPORT_TYPE_MERGE_DIALOG, "transient-for", parent, NULL);
  self->customers = g_ptr_array_ref (customers);
  self->country_code = g_strdup (rapport_database_get_default_country_code (db));
  self->n_contacts = g_array_new (FALSE, TRUE, sizeof (guint));
  self->n_interactions = g_array_new (FALSE, TRUE, sizeof (guint));
  self->n_orders = g_array_new (FALSE, TRUE, sizeof (guint));

  for (guint i = 0; i < customers->len; i++)
    {
      RapportCustomer *customer = get_customer (self, i);
      gint64 id = rapport_customer_get_id (customer);
      RapportCustomerSummary summary = { 0, };
      g_autofree char *name = NULL;
      guint n;

      /* Translators: a customer to keep in a merge: name and customer code */
      name = g_strdup_printf (_("%s (%s)"), rapport_customer_get_name (customer),
                              rapport_customer_get_code (customer) != NULL ? rapport_customer_get_code (customer) : "");
      gtk_string_list_append (names, name);

      n = count_model (rapport_store_list_contacts (db, id, NULL));
      g_array_append_val (self->n_contacts, n);
      if (rapport_store_get_customer_summary (db, id, NULL, &summary, NULL))
        {
          g_array_append_val (self->n_interactions, summary.n_interactions);
          g_array_append_val (self->n_orders, summary.n_orders);
        }
      else
        {
          n = 0;
          g_array_append_val (self->n_interactions, n);
          g_array_append_val (self->n_orders, n);
        }
      rapport_customer_summary_clear (&summary);
    }

  self->survivor = 0;
  adw_combo_row_set_model (self->survivor_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->survivor_row, 0);
  build_choices (self);
  update_united (self);

  return GTK_WIDGET (self);
}

guint
rapport_merge_dialog_get_survivor_index (RapportMergeDialog *self)
{
  g_return_val_if_fail (RAPPORT_IS_MERGE_DIALOG (self), 0);

  return self->survivor;
}

void
rapport_merge_dialog_set_survivor_index (RapportMergeDialog *self,
                                         guint               index)
{
  g_return_if_fail (RAPPORT_IS_MERGE_DIALOG (self));
  g_return_if_fail (index < self->customers->len);

  adw_combo_row_set_selected (self->survivor_row, index);
}

GStrv
rapport_merge_dialog_list_choices (RapportMergeDialog *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (RAPPORT_IS_MERGE_DIALOG (self), NULL);

  for (guint f = 0; f < G_N_ELEMENTS (merge_fields); f++)
    {
      if (self->choices[f].row != NULL)
        g_strv_builder_add (builder, merge_fields[f].property);
    }

  return g_strv_builder_end (builder);
}

void
rapport_merge_dialog_choose (RapportMergeDialog *self,
                             const char         *field,
                             guint               index)
{
  g_return_if_fail (RAPPORT_IS_MERGE_DIALOG (self));
  g_return_if_fail (field != NULL);

  for (guint f = 0; f < G_N_ELEMENTS (merge_fields); f++)
    {
      FieldChoice *choice = &self->choices[f];

      if (!g_str_equal (merge_fields[f].property, field) || choice->row == NULL)
        continue;

      /* The value customer @index holds, wherever it was first found. */
      {
        g_autofree char *wanted = dup_field_text (get_customer (self, index), choice->field);

        for (guint h = 0; h < choice->holders->len; h++)
          {
            g_autofree char *text = dup_field_text (get_customer (self, g_array_index (choice->holders, guint, h)),
                                                    choice->field);

            if (g_str_equal (text, wanted))
              adw_combo_row_set_selected (choice->row, h);
          }
      }
    }
}

RapportCustomer *
rapport_merge_dialog_get_survivor (RapportMergeDialog *self)
{
  RapportCustomer *survivor;
  g_auto (GStrv) phones = NULL;
  g_auto (GStrv) emails = NULL;
  g_auto (GStrv) tags = NULL;

  g_return_val_if_fail (RAPPORT_IS_MERGE_DIALOG (self), NULL);

  survivor = rapport_customer_copy (get_customer (self, self->survivor));
  for (guint f = 0; f < G_N_ELEMENTS (merge_fields); f++)
    {
      FieldChoice *choice = &self->choices[f];

      /* One value among them (or none): an empty field is filled with it. */
      if (choice->holders->len > 0)
        copy_field (survivor, get_customer (self, g_array_index (choice->holders, guint, choice->chosen)),
                    choice->field);
    }

  phones = unite (self, rapport_customer_get_phones);
  emails = unite (self, rapport_customer_get_emails);
  tags = unite (self, rapport_customer_get_tags);
  rapport_customer_set_phones (survivor, (const char * const *) phones);
  rapport_customer_set_emails (survivor, (const char * const *) emails);
  rapport_customer_set_tags (survivor, (const char * const *) tags);

  return survivor;
}

GArray *
rapport_merge_dialog_get_other_ids (RapportMergeDialog *self)
{
  GArray *ids;

  g_return_val_if_fail (RAPPORT_IS_MERGE_DIALOG (self), NULL);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < self->customers->len; i++)
    {
      gint64 id = rapport_customer_get_id (get_customer (self, i));

      if (i != self->survivor)
        g_array_append_val (ids, id);
    }

  return ids;
}
