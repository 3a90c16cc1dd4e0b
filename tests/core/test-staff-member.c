/* test-staff-member.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rapport-staff-member.h"

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_properties (void)
{
  g_autoptr (RapportStaffMember) member = rapport_staff_member_new ();
  g_autoptr (RapportStaffMember) copy = NULL;
  guint notified = 0;

  g_signal_connect (member, "notify", G_CALLBACK (notify_cb), &notified);

  g_assert_false (rapport_staff_member_has_left (member));
  rapport_staff_member_set_id (member, 7);
  rapport_staff_member_set_name (member, "李娜");
  rapport_staff_member_set_name (member, "李娜");
  rapport_staff_member_set_role (member, "销售");
  rapport_staff_member_set_left_at (member, 1795334400);
  rapport_staff_member_set_is_default (member, FALSE);
  /* Only real changes notify. */
  g_assert_cmpuint (notified, ==, 4);
  g_assert_true (rapport_staff_member_has_left (member));

  /* An empty role is no role. */
  rapport_staff_member_set_role (member, "");
  g_assert_null (rapport_staff_member_get_role (member));
  rapport_staff_member_set_role (member, "销售");

  copy = rapport_staff_member_copy (member);
  g_assert_cmpint (rapport_staff_member_get_id (copy), ==, 7);
  g_assert_cmpstr (rapport_staff_member_get_name (copy), ==, "李娜");
  g_assert_cmpstr (rapport_staff_member_get_role (copy), ==, "销售");
  g_assert_cmpint (rapport_staff_member_get_left_at (copy), ==, 1795334400);
  g_assert_false (rapport_staff_member_get_is_default (copy));

  rapport_staff_member_set_left_at (copy, 0);
  g_assert_false (rapport_staff_member_has_left (copy));
  g_assert_true (rapport_staff_member_has_left (member));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/staff-member/properties", test_properties);

  return g_test_run ();
}
